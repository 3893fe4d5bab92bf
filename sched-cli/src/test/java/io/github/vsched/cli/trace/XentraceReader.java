package io.github.vsched.cli.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a file in xentrace's format, written for the tests from Xen 4.18's
 * {@code xen/include/public/trace.h} ({@code struct t_rec}, lines 271-284) and
 * {@code tools/xentrace/xentrace.c} ({@code struct cpu_change_record} and {@code write_buffer},
 * lines 119-130 and 346-426), with its own constants, so that it checks the writer rather than
 * repeating it. It refuses a file that breaks the layout, naming the offset.
 */
final class XentraceReader {
    /** {@code TRC_TRACE_CPU_CHANGE}: TRC_GEN (0x0001f000) + 3. */
    static final int CPU_CHANGE = 0x0001f003;

    /**
     * One record.
     *
     * @param cpu    the PCPU whose window holds it
     * @param offset its offset in the file
     * @param event  the event number (the header's low 28 bits)
     * @param tsc    its TSC, or -1 when it has none
     * @param data   its data words
     */
    record Rec(int cpu, long offset, int event, long tsc, int[] data) {
        /** Bytes in the file: header, TSC when present, data words. */
        int size() {
            return 4 + (tsc >= 0 ? 8 : 0) + 4 * data.length;
        }

        int word(int i) {
            return data[i];
        }

        @Override
        public String toString() {
            return "cpu" + cpu + "@" + offset + " event 0x" + Integer.toHexString(event) + " tsc " + tsc + " "
                    + Arrays.toString(data);
        }
    }

    /**
     * A window: a CPU-change record and the records of one PCPU's buffer after it.
     *
     * @param cpu     its PCPU
     * @param offset  the CPU-change record's offset
     * @param bytes   the length of its records, as the CPU-change record says
     * @param records its records, in file order
     */
    record Window(int cpu, long offset, int bytes, List<Rec> records) {
    }

    private XentraceReader() {
    }

    /** The windows of {@code file}, in file order. */
    static List<Window> read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Window> windows = new ArrayList<>();
        while (b.hasRemaining()) {
            int at = b.position();
            check(b.remaining() >= 12, at, "a CPU-change record needs 12 bytes, " + b.remaining() + " left");
            int header = b.getInt();
            check((header & 0x0fffffff) == CPU_CHANGE, at, "expected a CPU-change record, got header 0x"
                    + Integer.toHexString(header));
            check(header >>> 31 == 0, at, "a CPU-change record has no TSC");
            check((header >>> 28 & 7) == 2, at, "a CPU-change record has 2 words");
            int cpu = b.getInt();
            int bytes = b.getInt();
            check(bytes > 0 && bytes <= b.remaining(), at, "window of " + bytes + " bytes, " + b.remaining() + " left");
            int end = b.position() + bytes;
            List<Rec> records = new ArrayList<>();
            while (b.position() < end) {
                int r = b.position();
                check(end - r >= 4, r, "a record header does not fit in its window");
                int h = b.getInt();
                int words = h >>> 28 & 7;
                boolean tsc = h >>> 31 != 0;
                int size = 4 + (tsc ? 8 : 0) + 4 * words;
                check(r + size <= end, r, "record of " + size + " bytes runs past its window's end " + end);
                long t = -1;
                if (tsc) {
                    long lo = b.getInt() & 0xffffffffL;
                    long hi = b.getInt() & 0xffffffffL;
                    t = hi << 32 | lo;
                }
                int[] data = new int[words];
                for (int i = 0; i < words; i++) {
                    data[i] = b.getInt();
                }
                records.add(new Rec(cpu, r, h & 0x0fffffff, t, data));
            }
            windows.add(new Window(cpu, at, bytes, List.copyOf(records)));
        }
        return windows;
    }

    /** Every record of the file, merged across PCPUs by TSC (as xenalyze replays them). */
    static List<Rec> byTsc(List<Window> windows) {
        List<Rec> all = new ArrayList<>();
        for (Window w : windows) {
            all.addAll(w.records());
        }
        all.sort(Comparator.comparingLong(Rec::tsc));
        return all;
    }

    private static void check(boolean ok, long offset, String what) {
        if (!ok) {
            throw new IllegalStateException("offset " + offset + ": " + what);
        }
    }
}
