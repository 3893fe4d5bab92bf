package io.github.vsched.platform.q6600;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;
import io.github.vsched.platform.smp.CostModel;
import io.github.vsched.platform.smp.DiskModel;
import io.github.vsched.platform.smp.NicModel;
import io.github.vsched.platform.smp.SmpParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parameter values of the {@code x86-q6600} platform. The processor is fixed (see
 * {@link Q6600Platform}); what varies is the installed memory and the cost, disk and NIC
 * figures.
 *
 * @param memoryBytes installed memory, bytes: 64 MiB to the 8 GiB the LGA775 desktop chipset
 *                    of the period addresses (Intel P35 Express: four DIMMs, 8 GB maximum)
 * @param costs       CPU and hypervisor costs
 * @param disk        the disk
 * @param nic         the NIC
 */
public record Q6600Parameters(long memoryBytes, CostModel costs, DiskModel disk, NicModel nic) {

    /** Parameter name of {@link #memoryBytes} (in MiB). */
    public static final String MEMORY_MIB = "memoryMiB";
    /** Default memory: the paper's machine, 2 GiB. */
    public static final long DEFAULT_MEMORY_MIB = 2048;
    /** Least memory accepted, MiB. */
    public static final long MIN_MEMORY_MIB = 64;
    /** Most memory accepted, MiB: the 8 GB maximum of the Intel P35 Express chipset. */
    public static final long MAX_MEMORY_MIB = 8192;

    private static final List<ParameterSpec> SPECS;

    static {
        List<ParameterSpec> s = new ArrayList<>();
        s.add(ParameterSpec.integer(MEMORY_MIB, "MiB", DEFAULT_MEMORY_MIB, MIN_MEMORY_MIB, MAX_MEMORY_MIB,
                "installed memory (the paper's machine: 2 GiB); at most the 8 GB an Intel P35 board"
                        + " addresses; the domains' memory must fit"));
        s.addAll(CostModel.specs());
        s.addAll(DiskModel.specs());
        s.addAll(NicModel.specs());
        SPECS = List.copyOf(s);
    }

    /**
     * Validates the memory range and that every part is present.
     *
     * @throws InvalidParameterException naming the parameter, the value and what is allowed
     */
    public Q6600Parameters {
        if (memoryBytes < MIN_MEMORY_MIB << 20 || memoryBytes > MAX_MEMORY_MIB << 20) {
            throw new InvalidParameterException(MEMORY_MIB, (memoryBytes >> 20) + " MiB",
                    "[" + MIN_MEMORY_MIB + ", " + MAX_MEMORY_MIB + "] MiB");
        }
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(nic, "nic");
    }

    /** The parameters of {@code x86-q6600}, with units, defaults, ranges and sources. */
    public static List<ParameterSpec> specs() {
        return SPECS;
    }

    /** Builds the record from resolved parameters of {@link #specs()}. */
    public static Q6600Parameters from(Parameters p) {
        return new Q6600Parameters(p.integer(MEMORY_MIB) << 20, CostModel.from(p), DiskModel.from(p),
                NicModel.from(p));
    }

    /** The same machine described as a generic SMP: the Q6600's fixed topology and clocks. */
    public SmpParameters toSmp() {
        return new SmpParameters(Q6600Platform.SOCKETS, Q6600Platform.CORES, 1, Q6600Platform.CORES_PER_L2,
                Q6600Platform.L2_BYTES, Q6600Platform.CORE_HZ, Q6600Platform.TSC_HZ, memoryBytes, 0, costs, disk,
                nic);
    }
}
