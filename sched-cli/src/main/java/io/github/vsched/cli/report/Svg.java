package io.github.vsched.cli.report;


/**
 * Builds an inline SVG element as text. Coordinates are rounded to two decimals; a width or
 * height below zero, or a coordinate that is not a number, is never written (browsers report
 * those as errors).
 */
final class Svg {
    /** The style of the charts' classes: part of the HTML pages' style sheet, and of every standalone chart. */
    static final String CSS = """
        svg.chart { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #fff; border: 1px solid #e1e6eb; border-radius: 4px; }
        svg .lane { fill: #f4f6f8; }
        svg .plot { fill: #fcfdfe; stroke: #d5dbe1; }
        svg .run { stroke: rgba(0,0,0,0.25); stroke-width: 0.5; }
        svg .run-label { font-size: 10px; fill: #fff; pointer-events: none; }
        svg .wake { stroke: #222; stroke-width: 0.4; }
        svg .priority { stroke: #111; stroke-width: 0.8; }
        svg .axis { stroke: #8a96a3; stroke-width: 1; }
        svg .grid { stroke: #e8ecf0; stroke-width: 1; }
        svg .tick { font-size: 10px; fill: #55616e; }
        svg .axis-label { font-size: 11px; fill: #3c4a58; }
        svg .panel-title { font-size: 12px; font-weight: 600; fill: #1d232b; }
        svg .legend { font-size: 11px; fill: #1d232b; }
        svg .bar { stroke: none; }
        svg .cdf-line { stroke-width: 1.8; }
        svg .band { fill: #e3f1e0; stroke: none; }
        svg .period { stroke: #4f8a47; stroke-width: 1; stroke-dasharray: 4 3; }
        svg .dots { stroke-width: 3; stroke-linecap: round; fill: none; }
        svg .late { stroke: #d1495b; stroke-width: 0.8; stroke-opacity: 0.55; }
        svg .dropped { stroke: #111; stroke-width: 0.8; stroke-opacity: 0.6; }
        svg .dropped-mark { font-size: 10px; fill: #111; }
        svg .underrun { fill: #7d5cb0; fill-opacity: 0.25; }
        """;

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

    /**
     * A chart drawn by this class as a standalone SVG file, for documents to embed: an XML
     * declaration, then the chart with the charts' style sheet and a white background inserted
     * after its opening tag (which ends at the first {@code >}: attribute values are escaped).
     */
    static String standalone(String chart) {
        int open = chart.indexOf('>') + 1;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + chart.substring(0, open) + "\n<style><![CDATA[\n" + CSS
                + "]]></style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>" + chart.substring(open);
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
        return Numbers.fixed(r, 2);
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
        return text(x, y, text, anchor, cssClass, null);
    }

    /** Text with a transform ({@code rotate(-90 x y)}), or none when it is null. */
    Svg text(double x, double y, String text, String anchor, String cssClass, String transform) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append('"');
        if (cssClass != null) {
            sb.append(" class=\"").append(esc(cssClass)).append('"');
        }
        if (transform != null) {
            sb.append(" transform=\"").append(esc(transform)).append('"');
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
