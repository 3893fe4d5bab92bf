package io.github.vsched.api;

/**
 * Guest-to-scheduler hypercall operations and result codes, for
 * {@link Scheduler#hypercall}. Results are 0 or positive on success, a negative errno
 * otherwise, as in Xen.
 */
public final class Hypercall {
    private Hypercall() {
    }

    /**
     * Ask for soft real-time treatment ({@code arg0} = the VCPU's SBT in ns, {@code arg1} =
     * its USBT in ns). Schedulers without soft real-time support answer {@link #ENOSYS}.
     */
    public static final int SCHEDOP_SOFT_REALTIME = 0x5001;

    /** Give up soft real-time treatment. */
    public static final int SCHEDOP_SOFT_REALTIME_OFF = 0x5002;

    /** Success. */
    public static final long OK = 0;
    /** Operation not permitted. */
    public static final long EPERM = -1;
    /** Admission refused: the request would exceed a limit. */
    public static final long EBUSY = -16;
    /** Invalid argument. */
    public static final long EINVAL = -22;
    /** The scheduler does not implement this operation. */
    public static final long ENOSYS = -38;

    /** A short name for a result code. */
    public static String describe(long result) {
        if (result >= 0) {
            return "ok";
        }
        if (result == EPERM) {
            return "EPERM";
        }
        if (result == EBUSY) {
            return "EBUSY";
        }
        if (result == EINVAL) {
            return "EINVAL";
        }
        if (result == ENOSYS) {
            return "ENOSYS";
        }
        return "error " + result;
    }
}
