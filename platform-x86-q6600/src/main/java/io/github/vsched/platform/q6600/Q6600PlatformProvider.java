package io.github.vsched.platform.q6600;

import io.github.vsched.api.Capability;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;
import io.github.vsched.platform.smp.GenericSmpPlatformProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code x86-q6600} platform plugin: the paper's Intel Core 2 Quad Q6600 machine under
 * Xen 4.0, with PV and VT-x HVM guests.
 */
public final class Q6600PlatformProvider implements PlatformProvider {

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public Q6600PlatformProvider() {
    }

    @Override
    public String id() {
        return Q6600Platform.ID;
    }

    @Override
    public String description() {
        return "Intel Core 2 Quad Q6600 (4 cores, 2.4 GHz, 2 x 4 MiB L2, first-generation VT-x) under Xen 4.0";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return Q6600Parameters.specs();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PV, Capability.HVM);
    }

    /**
     * Builds the platform.
     *
     * @throws InvalidParameterException for inconsistent values, naming the parameter as
     *                                   {@code <owner>.<name>}
     */
    @Override
    public Platform create(Parameters params) {
        try {
            return new Q6600Platform(Q6600Parameters.from(params));
        } catch (InvalidParameterException e) {
            throw GenericSmpPlatformProvider.qualify(e, params.owner());
        }
    }
}
