package io.github.vsched.cli.report;

import java.util.Locale;

/**
 * Builds an inline SVG element as text. Coordinates are rounded to two decimals; a width or
 * height below zero, or a coordinate that is not a number, is never written (browsers report
 * those as errors).
 */
final class Svg {
    private final StringBuilder sb = new StringBuilder(4096);

    /**
     * Opens the element.
     *
     * @param cssClass  class of the element ({@code chart ...})
     * @param dataKind  {@code data-kind} attribute, naming the chart type for tests and scripts
     * @param ariaLabel what the chart shows, for screen readers
     */
    Svg(double width, double height, String cssClass, String dataKind, String ariaLabel) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(esc(cssClass)).append("\" data-kind=\"")
                .append(esc(dataKind)).append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" role=\"img\" aria-label=\"").append(esc(ariaLabel)).append("\">\n");
    }

    /** A number for an attribute. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite coordinate: " + v);
        }
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** Escapes text for XML content and attributes. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A rectangle with a fill, an optional class and an optional tooltip. */
    Svg rect(double x, double y, double w, double h, String fill, String cssClass, String title) {
        if (!(w >= 0 && h >= 0)) {
            return this;
        }
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"');
        if (fill != null) {
            sb.append(" fill=\"").append(esc(fill)).append('"');
        }
        if (cssClass != null) {
            sb.append(" class=\"").append(esc(cssClass)).append('"');
        }
        return close("rect", title);
    }

    /** A line. */
    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(esc(cssClass)).append("\"/>\n");
        return this;
    }

    /** Text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, String cssClass) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append('"');
        if (cssClass != null) {
            sb.append(" class=\"").append(esc(cssClass)).append('"');
        }
        sb.append('>').append(esc(text)).append("</text>\n");
        return this;
    }

    /** A path from {@code d} (already formatted with {@link #n}). */
    Svg path(String d, String stroke, String fill, String cssClass, String title) {
        sb.append("<path d=\"").append(d).append('"');
        if (stroke != null) {
            sb.append(" stroke=\"").append(esc(stroke)).append('"');
        }
        sb.append(" fill=\"").append(fill == null ? "none" : esc(fill)).append('"');
        if (cssClass != null) {
            sb.append(" class=\"").append(esc(cssClass)).append('"');
        }
        return close("path", title);
    }

    /** A closed polygon from points x0,y0,x1,y1,... */
    Svg polygon(double[] xy, String fill, String cssClass, String title) {
        sb.append("<polygon points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
        sb.append("\" fill=\"").append(esc(fill)).append('"');
        if (cssClass != null) {
            sb.append(" class=\"").append(esc(cssClass)).append('"');
        }
        return close("polygon", title);
    }

    private Svg close(String element, String title) {
        if (title == null) {
            sb.append("/>\n");
        } else {
            sb.append("><title>").append(esc(title)).append("</title></").append(element).append(">\n");
        }
        return this;
    }

    /** Raw markup (already escaped). */
    Svg raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Closes the element and returns the markup. */
    String end() {
        return sb.append("</svg>\n").toString();
    }
}
