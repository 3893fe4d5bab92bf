package io.github.vsched.scenario;

/**
 * One thing wrong with a scenario.
 *
 * <p>A problem prints on one line whatever the input held: control characters in the key and
 * the message (a newline in a name, say) are escaped, and both are shortened to a readable
 * length, so a hostile value cannot flood or forge the terminal.
 *
 * @param origin  where (file, line, column, or the option)
 * @param key     the key concerned, as a path ({@code domains[1].workload.params.period}), or
 *                null when the problem is not about one key
 * @param message what is wrong and what is allowed
 */
public record Problem(Origin origin, String key, String message) {
    /** Longest message kept; a longer one is cut and says how long it was. */
    static final int MAX_MESSAGE = 2000;
    /** Longest key path kept. */
    static final int MAX_KEY = 200;
    /** Longest value echoed by {@link #quote(String)}. */
    static final int MAX_QUOTED = 80;
    /** Longest file name or option shown as a problem's place. */
    static final int MAX_ORIGIN = 300;

    /** Escapes control characters and shortens the key and the message. */
    public Problem {
        key = key == null ? null : printable(key, MAX_KEY);
        message = printable(message, MAX_MESSAGE);
    }

    /** {@code file:line:column: key: message}; the file name or option shortened and escaped as values are. */
    @Override
    public String toString() {
        return printable(origin.toString(), MAX_ORIGIN) + ": " + (key == null ? "" : key + ": ") + message;
    }

    /**
     * A value as messages echo it: in single quotes, control characters escaped ({@code \n},
     * {@code \u0007}), at most {@value #MAX_QUOTED} characters of it followed by how long it
     * was.
     */
    public static String quote(String value) {
        return "'" + printable(value, MAX_QUOTED) + "'";
    }

    /**
     * {@code text} with control characters escaped ({@code \n}, {@code \u001b}), cut to
     * {@code max} characters followed by how long it was: what any message should do with text a
     * user gave before printing it.
     */
    public static String printable(String text, int max) {
        int n = text.length();
        int end = Math.min(n, max);
        StringBuilder sb = null;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(end + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(String.format("\\u%04x", (int) c));
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        String s = sb == null ? text.substring(0, end) : sb.toString();
        return n <= max ? s : s + "... (" + n + " characters)";
    }
}
