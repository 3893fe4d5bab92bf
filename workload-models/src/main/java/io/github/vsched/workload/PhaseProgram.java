package io.github.vsched.workload;

import io.github.vsched.api.Durations;
import io.github.vsched.api.IoKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A cyclic list of phases one VCPU runs, rt-app style, and the parser of its text form.
 *
 * <pre>
 * phases   := list (';' list)*           one list for every VCPU, or one per VCPU in order
 * list     := phase (',' phase)*
 * phase    := 'run:' time                compute that much CPU
 *           | 'sleep:' time              block on a timer for that long
 *           | 'timer:' duration          block until the next multiple of duration since the
 *                                        VCPU started (periodic release, no drift; rt-app's timer)
 *           | ('read' | 'write' | 'net') ':' size
 *                                        issue a disk read, disk write or network exchange and
 *                                        block until it completes
 *           | 'yield'                    give up the PCPU (SCHEDOP_yield)
 *           | 'halt'                     go offline for good (last phase of a list only)
 * time     := duration                   fixed
 *           | duration '..' duration     uniform between the two (inclusive)
 *           | '~' duration               exponential with that mean
 * duration := number unit                unit: ns, us, ms, s, tsc (as in every duration)
 * size     := integer ('' | 'B' | 'KiB' | 'MiB')
 * </pre>
 *
 * Example: {@code run:1ms,sleep:9ms} or, for two VCPUs,
 * {@code run:~2ms,read:64KiB;run:500us,timer:10ms}.
 */
final class PhaseProgram {
    static final int RUN = 0;
    static final int SLEEP = 1;
    static final int TIMER = 2;
    static final int IO = 3;
    static final int YIELD = 4;
    static final int HALT = 5;

    private static final List<String> KINDS = List.of("run", "sleep", "timer", "read", "write", "net", "yield",
            "halt");

    /** Phase kinds ({@link #RUN} ...). */
    final int[] kind;
    /** Per phase: a distribution for run/sleep, or null. */
    final BurstDistribution[] time;
    /** Per phase: uniform bounds for run/sleep given as {@code a..b} (time is null then). */
    final long[] low;
    final long[] high;
    /** Per phase: the timer period, or the I/O size. */
    final long[] amount;
    /** Per phase: the I/O kind. */
    final IoKind[] io;
    /** The list as written, for messages. */
    final String text;

    private PhaseProgram(int n, String text) {
        this.kind = new int[n];
        this.time = new BurstDistribution[n];
        this.low = new long[n];
        this.high = new long[n];
        this.amount = new long[n];
        this.io = new IoKind[n];
        this.text = text;
    }

    /** Number of phases. */
    int size() {
        return kind.length;
    }

    /** Draws the duration of run or sleep phase {@code i}. */
    long sample(int i, RandomGenerator r) {
        if (time[i] != null) {
            return time[i].sample(r);
        }
        return low[i] + r.nextLong(high[i] - low[i] + 1);
    }

    /**
     * A program from already-validated parts: {@code run} (a distribution), then optionally one
     * blocking I/O, then a sleep (if {@code sleepNs > 0}) or a periodic timer (if
     * {@code periodNs > 0}).
     */
    static PhaseProgram of(BurstDistribution run, IoKind ioKind, long ioBytes, long sleepNs, long periodNs) {
        int n = 1 + (ioKind != null ? 1 : 0) + (sleepNs > 0 || periodNs > 0 ? 1 : 0);
        PhaseProgram p = new PhaseProgram(n, "structured");
        int i = 0;
        p.kind[i] = RUN;
        p.time[i++] = run;
        if (ioKind != null) {
            p.kind[i] = IO;
            p.io[i] = ioKind;
            p.amount[i++] = ioBytes;
        }
        if (periodNs > 0) {
            p.kind[i] = TIMER;
            p.amount[i] = periodNs;
        } else if (sleepNs > 0) {
            p.kind[i] = SLEEP;
            p.time[i] = BurstDistribution.fixed(sleepNs);
        }
        return p;
    }

    /** Thrown with a message that says what is wrong and where. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Parses the text form.
     *
     * @param text  the phases, as in the class comment
     * @param tscHz the platform's TSC rate, for durations in {@code tsc}
     * @return one program per list, in order
     * @throws SyntaxException naming the list, the phase and what is wrong
     */
    static List<PhaseProgram> parse(String text, long tscHz) throws SyntaxException {
        if (text == null || text.isBlank()) {
            throw new SyntaxException("no phases given; write for example run:1ms,sleep:9ms");
        }
        String[] lists = text.split(";", -1);
        List<PhaseProgram> out = new ArrayList<>();
        for (int l = 0; l < lists.length; l++) {
            String where = lists.length > 1 ? "list " + (l + 1) + " ('" + lists[l].trim() + "'): " : "";
            String[] phases = lists[l].split(",", -1);
            PhaseProgram p = new PhaseProgram(phases.length, lists[l].trim());
            for (int i = 0; i < phases.length; i++) {
                String ph = phases[i].trim();
                String at = where + "phase " + (i + 1) + " ('" + ph + "'): ";
                if (ph.isEmpty()) {
                    throw new SyntaxException(at + "is empty (a doubled or trailing ',' or ';'?)");
                }
                int colon = ph.indexOf(':');
                String k = (colon < 0 ? ph : ph.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
                String arg = colon < 0 ? null : ph.substring(colon + 1).trim();
                switch (k) {
                    case "run", "sleep" -> {
                        p.kind[i] = k.equals("run") ? RUN : SLEEP;
                        parseTime(p, i, require(at, k, arg, "a duration, e.g. " + k + ":1ms"), tscHz, at);
                    }
                    case "timer" -> {
                        p.kind[i] = TIMER;
                        p.amount[i] = duration(require(at, k, arg, "a period, e.g. timer:10ms"), tscHz, at);
                    }
                    case "read", "write", "net" -> {
                        p.kind[i] = IO;
                        p.io[i] = k.equals("read") ? IoKind.DISK_READ : k.equals("write") ? IoKind.DISK_WRITE
                                : IoKind.NET_EXCHANGE;
                        p.amount[i] = size(require(at, k, arg, "a size, e.g. " + k + ":4KiB"), at);
                    }
                    case "yield", "halt" -> {
                        if (arg != null) {
                            throw new SyntaxException(at + "'" + k + "' takes no argument");
                        }
                        p.kind[i] = k.equals("yield") ? YIELD : HALT;
                        if (p.kind[i] == HALT && i != phases.length - 1) {
                            throw new SyntaxException(at + "halt must be the last phase of its list (the"
                                    + " phases after it would never run)");
                        }
                    }
                    default -> throw new SyntaxException(at + "unknown kind '" + k + "'; known: "
                            + String.join(", ", KINDS));
                }
            }
            out.add(p);
        }
        return out;
    }

    private static String require(String at, String kind, String arg, String what) throws SyntaxException {
        if (arg == null || arg.isEmpty()) {
            throw new SyntaxException(at + "'" + kind + "' needs " + what);
        }
        return arg;
    }

    private static void parseTime(PhaseProgram p, int i, String arg, long tscHz, String at) throws SyntaxException {
        if (arg.startsWith("~")) {
            p.time[i] = BurstDistribution.of("exponential", duration(arg.substring(1), tscHz, at), 0);
            return;
        }
        int dots = arg.indexOf("..");
        if (dots >= 0) {
            long lo = duration(arg.substring(0, dots), tscHz, at);
            long hi = duration(arg.substring(dots + 2), tscHz, at);
            if (lo > hi) {
                throw new SyntaxException(at + "the range " + arg + " runs backwards; write low..high");
            }
            p.low[i] = lo;
            p.high[i] = hi;
            return;
        }
        p.time[i] = BurstDistribution.fixed(duration(arg, tscHz, at));
    }

    private static long duration(String s, long tscHz, String at) throws SyntaxException {
        long ns;
        try {
            ns = Durations.parse(s.trim(), tscHz);
        } catch (IllegalArgumentException e) {
            throw new SyntaxException(at + "bad duration '" + s.trim() + "': " + e.getMessage()
                    + " (write a number and a unit: ns, us, ms, s, tsc)");
        }
        if (ns <= 0) {
            throw new SyntaxException(at + "the duration must be positive, got '" + s.trim() + "'");
        }
        return ns;
    }

    private static long size(String s, String at) throws SyntaxException {
        String t = s.trim();
        long unit = 1;
        String number = t;
        if (t.endsWith("KiB")) {
            unit = 1024;
            number = t.substring(0, t.length() - 3);
        } else if (t.endsWith("MiB")) {
            unit = 1024 * 1024;
            number = t.substring(0, t.length() - 3);
        } else if (t.endsWith("B")) {
            number = t.substring(0, t.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            throw new SyntaxException(at + "bad size '" + t + "' (write a whole number of bytes, optionally"
                    + " with B, KiB or MiB: 4096, 4KiB)");
        }
        if (v <= 0 || v > (1L << 40) / unit) {
            throw new SyntaxException(at + "the size must be between 1 byte and 1 TiB, got '" + t + "'");
        }
        return v * unit;
    }
}
