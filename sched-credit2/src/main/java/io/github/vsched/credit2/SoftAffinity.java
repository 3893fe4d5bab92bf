package io.github.vsched.credit2;

import io.github.vsched.api.CpuMask;
import io.github.vsched.api.InvalidParameterException;

/**
 * A VCPU's soft affinity as written in a scenario ({@code xl vcpu-pin}'s syntax): {@code all}, or a
 * list of PCPUs and ranges such as {@code 0-1,3}. The SPI has hard affinity only; credit2 takes the
 * soft one as a per-VCPU parameter, all PCPUs by default (as Xen creates VCPUs).
 */
final class SoftAffinity {
    /** The value meaning every PCPU. */
    static final String ALL = "all";

    private SoftAffinity() {
    }

    /**
     * Parses a soft affinity.
     *
     * @param name used in the message of a refusal
     * @throws InvalidParameterException for a malformed list, an empty one, or PCPUs the machine
     *                                   does not have
     */
    static CpuMask parse(String text, int pcpus, String name) {
        String t = text == null ? ALL : text.trim();
        if (t.equals(ALL)) {
            return CpuMask.all(pcpus);
        }
        String allowed = "'all' or PCPUs and ranges within 0-" + (pcpus - 1) + ", such as 0-1,3";
        boolean[] in = new boolean[pcpus];
        int count = 0;
        for (String item : t.split(",", -1)) {
            String s = item.trim();
            int dash = s.indexOf('-');
            int from;
            int to;
            try {
                from = Integer.parseInt(dash < 0 ? s : s.substring(0, dash).trim());
                to = dash < 0 ? from : Integer.parseInt(s.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, text, allowed);
            }
            if (from < 0 || to >= pcpus || from > to) {
                throw new InvalidParameterException(name, text, allowed);
            }
            for (int c = from; c <= to; c++) {
                if (!in[c]) {
                    in[c] = true;
                    count++;
                }
            }
        }
        int[] cpus = new int[count];
        int k = 0;
        for (int c = 0; c < pcpus; c++) {
            if (in[c]) {
                cpus[k++] = c;
            }
        }
        return CpuMask.of(cpus);
    }
}
