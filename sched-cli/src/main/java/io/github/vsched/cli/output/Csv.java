package io.github.vsched.cli.output;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes RFC 4180 CSV rows: fields with commas, quotes or line breaks are quoted. */
public final class Csv {
    private final Writer out;

    /** @param out where rows go */
    public Csv(Writer out) {
        this.out = out;
    }

    /** Writes one row. */
    public void row(List<?> fields) throws IOException {
        boolean first = true;
        for (Object f : fields) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(field(f));
        }
        out.write('\n');
    }

    /** A field as CSV text: numbers without exponent noise, text quoted when needed. */
    static String field(Object f) {
        if (f == null) {
            return "";
        }
        if (f instanceof Double d) {
            return number(d);
        }
        String s = f.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /**
     * A double for files: empty for NaN, integral values without {@code .0}, others as plain
     * decimals ({@link #plain}), as {@code result.json} writes them.
     */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return plain(d);
    }

    /**
     * A finite double as a plain decimal, never in scientific notation: the shortest digits that
     * read back as the same double ({@link Double#toString}) with the point moved instead of an
     * exponent: {@code 0.000793566}, not {@code 7.93566E-4}.
     */
    public static String plain(double d) {
        String s = Double.toString(d);
        return s.indexOf('E') < 0 ? s : new java.math.BigDecimal(s).toPlainString();
    }
}
