package io.github.vsched.cli.output;

import java.util.regex.Pattern;

/**
 * The one rule that turns names (scheduler labels such as {@code round-robin[slice=1ms]}, VCPUs
 * such as {@code dom1/0}, sweep points, metric names) into file names, for trace files and
 * chart files alike.
 */
public final class FileNames {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern DASHES = Pattern.compile("-{2,}");
    private static final Pattern ENDS = Pattern.compile("^[-.]+|[-.]+$");

    private FileNames() {
    }

    /**
     * {@code text} safe as a file name on any file system: each run of characters other than
     * ASCII letters, digits, {@code .}, {@code _} and {@code -} becomes one {@code -}, runs of
     * {@code -} shrink to one, and {@code -} and {@code .} are dropped at both ends (no hidden
     * files, no {@code ..}); {@code round-robin[slice=1ms]} becomes {@code round-robin-slice-1ms}.
     *
     * @param fallback the name when nothing is left
     */
    public static String safe(String text, String fallback) {
        String s = UNSAFE.matcher(text).replaceAll("-");
        s = DASHES.matcher(s).replaceAll("-");
        s = ENDS.matcher(s).replaceAll("");
        return s.isEmpty() ? fallback : s;
    }
}
