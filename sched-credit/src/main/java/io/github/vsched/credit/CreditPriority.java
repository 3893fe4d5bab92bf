package io.github.vsched.credit;

/**
 * The priorities of credit1 (Xen 4.0 {@code CSCHED_PRI_*}, sched_credit.c:58-61). A larger
 * number is a higher priority; the runq is ordered by them, FIFO within one.
 */
public final class CreditPriority {
    private CreditPriority() {
    }

    /**
     * Not in Xen: the one priority above BOOST, reserved for schedulers built on credit through
     * {@link CreditExtension} (srt-credit's LL-BOOST). Plain credit never uses it.
     */
    public static final int ABOVE_BOOST = 1;
    /** {@code CSCHED_PRI_TS_BOOST}: woken from UNDER, until a tick or accounting demotes it. */
    public static final int BOOST = 0;
    /** {@code CSCHED_PRI_TS_UNDER}: time-share with credits left. */
    public static final int UNDER = -1;
    /** {@code CSCHED_PRI_TS_OVER}: time-share that has used up its credits. */
    public static final int OVER = -2;
    /** {@code CSCHED_PRI_IDLE}: the PCPU's idle VCPU, always last. */
    public static final int IDLE = -64;

    /** Number of priority classes, for per-class arrays. */
    static final int CLASSES = 5;

    /** Index of a priority's class: ABOVE_BOOST 0, BOOST 1, UNDER 2, OVER 3, IDLE 4. */
    static int classOf(int pri) {
        return pri == IDLE ? 4 : ABOVE_BOOST - pri;
    }

    /** {@code BOOST}, {@code UNDER}, {@code OVER}, {@code IDLE}, or the number. */
    public static String name(int pri) {
        return switch (pri) {
            case ABOVE_BOOST -> "ABOVE_BOOST";
            case BOOST -> "BOOST";
            case UNDER -> "UNDER";
            case OVER -> "OVER";
            case IDLE -> "IDLE";
            default -> Integer.toString(pri);
        };
    }
}
