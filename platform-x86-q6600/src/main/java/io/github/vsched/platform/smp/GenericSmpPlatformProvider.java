package io.github.vsched.platform.smp;

import io.github.vsched.api.Capability;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.api.Platform;
import io.github.vsched.api.PlatformProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code generic-smp} platform plugin: any regular machine of sockets x cores x hardware
 * threads with shared last-level caches, every clock and cost a parameter. Its defaults model
 * the Q6600, so it also shows that nothing in the SPI is Q6600-shaped.
 */
public final class GenericSmpPlatformProvider implements PlatformProvider {

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public GenericSmpPlatformProvider() {
    }

    @Override
    public String id() {
        return SmpPlatform.ID;
    }

    @Override
    public String description() {
        return "generic SMP Xen machine: sockets x cores x threads, shared caches, all costs as parameters"
                + " (defaults: a Q6600)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return SmpParameters.specs();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PV, Capability.HVM);
    }

    /**
     * Builds the platform.
     *
     * @throws InvalidParameterException for inconsistent values (for example more cores per
     *                                   cache than per socket), naming the parameter as
     *                                   {@code <owner>.<name>}
     */
    @Override
    public Platform create(Parameters params) {
        try {
            return new SmpPlatform(SmpParameters.from(params));
        } catch (InvalidParameterException e) {
            throw qualify(e, params.owner());
        }
    }

    /**
     * The same rejection with the parameter named as the user sees it,
     * {@code <owner>.<name>}, as {@link Parameters#resolve} names it.
     */
    public static InvalidParameterException qualify(InvalidParameterException e, String owner) {
        String prefix = "parameter '" + e.parameter() + "': ";
        String message = e.getMessage();
        String rest = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        InvalidParameterException q = new InvalidParameterException(owner + "." + e.parameter(), rest);
        q.initCause(e);
        return q;
    }
}
