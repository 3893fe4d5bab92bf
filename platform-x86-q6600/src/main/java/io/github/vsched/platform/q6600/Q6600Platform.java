package io.github.vsched.platform.q6600;

import io.github.vsched.platform.smp.SmpPlatform;

/**
 * The paper's machine: an Intel Core 2 Quad Q6600 ("Kentsfield") running Xen 4.0.
 *
 * <p>Fixed hardware, from Intel's specification of the part: one LGA775 package holding two
 * dual-core dies (65 nm Core microarchitecture, the cores of the Core 2 Duo E6600), four cores
 * at 2.4 GHz (9 x 266 MHz), no SMT, each die with a 4 MiB L2 shared by its two cores (cores
 * 0-1 and 2-3), the dies talking to each other and to memory over a 1066 MT/s front-side bus;
 * first-generation VT-x without EPT or VPID. The TSC runs at the constant 2.4 GHz. Memory is a
 * parameter (2 GiB by default, as in the paper); costs, disk and NIC are the parameters of
 * {@link io.github.vsched.platform.smp.CostModel},
 * {@link io.github.vsched.platform.smp.DiskModel} and
 * {@link io.github.vsched.platform.smp.NicModel}.
 */
public final class Q6600Platform extends SmpPlatform {
    /** The provider id. */
    public static final String ID = "x86-q6600";
    /** Sockets (packages). */
    public static final int SOCKETS = 1;
    /** Cores, one PCPU each (no SMT). */
    public static final int CORES = 4;
    /** Cores sharing one L2 (one die). */
    public static final int CORES_PER_L2 = 2;
    /** L2 size per die, bytes (4 MiB). */
    public static final long L2_BYTES = 4L << 20;
    /** Core clock, Hz. */
    public static final long CORE_HZ = 2_400_000_000L;
    /** TSC rate, Hz (constant, the core's nominal clock). */
    public static final long TSC_HZ = 2_400_000_000L;

    private final Q6600Parameters q6600;

    /** The Q6600 with these parameter values. */
    public Q6600Platform(Q6600Parameters params) {
        super(ID, params.toSmp());
        this.q6600 = params;
    }

    /** The parameter values this platform was built from. */
    public Q6600Parameters parameters() {
        return q6600;
    }
}
