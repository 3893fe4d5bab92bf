package io.github.vsched.cli.testplugins.twin;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.cli.testplugins.TestSmpPlatformProvider;

import java.util.List;
import java.util.Set;

/**
 * Another provider claiming the id {@code test-smp}, registered in no service file of the test
 * class path: integration tests put it in a second plugin jar to check that duplicate ids are
 * rejected, naming both jars.
 */
public final class TwinPlatformProvider implements PlatformProvider {
    private final TestSmpPlatformProvider same = new TestSmpPlatformProvider();

    @Override
    public String id() {
        return same.id();
    }

    @Override
    public String description() {
        return "a second platform with the id test-smp";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return same.parameters();
    }

    @Override
    public Set<Capability> capabilities() {
        return same.capabilities();
    }

    @Override
    public Platform create(Parameters params) {
        return same.create(params);
    }
}
