package io.github.vsched.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table with aligned columns, text left and numbers right: as plain text for the console,
 * or as a GitHub-flavoured Markdown table with the same columns and alignment.
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header the column titles */
    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row (as many cells as columns). */
    public TextTable add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, table has " + header.size()
                    + " columns");
        }
        rows.add(List.copyOf(row));
        return this;
    }

    /** Whether no rows were added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, two spaces between columns, a rule under the header. */
    public String render() {
        return layout(false);
    }

    /**
     * The table in GitHub-flavoured Markdown: a header row, a delimiter row ({@code ---}, or
     * {@code ---:} for a column of numbers, right-aligned), then the rows; {@code |} in a cell is
     * escaped. Columns are padded as in {@link #render()}, so the source reads as a table too.
     */
    public String markdown() {
        return layout(true);
    }

    /** The table as an HTML {@code <table>}; cells of a column of numbers get {@code class="num"}. */
    public String html() {
        boolean[] numeric = numericColumns();
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(Svg.esc(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int c = 0; c < r.size(); c++) {
                sb.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(Svg.esc(r.get(c))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private boolean[] numericColumns() {
        int n = header.size();
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            numeric[c] = !rows.isEmpty();
            for (List<String> r : rows) {
                String cell = r.get(c);
                if (!cell.isEmpty() && !cell.equals(Numbers.NO_SAMPLES) && !looksNumeric(cell)) {
                    numeric[c] = false;
                }
            }
        }
        return numeric;
    }

    private String layout(boolean markdown) {
        int n = header.size();
        boolean[] numeric = numericColumns();
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        if (markdown) {
            lines.replaceAll(cells -> cells.stream().map(s -> s.replace("|", "\\|")).toList());
        }
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            // a Markdown delimiter has at least three dashes: --- or ---:
            width[c] = markdown ? (numeric[c] ? 4 : 3) : 0;
            for (List<String> l : lines) {
                width[c] = Math.max(width[c], l.get(c).length());
            }
        }
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            rule.add(markdown && numeric[c] ? "-".repeat(width[c] - 1) + ":" : "-".repeat(width[c]));
        }
        lines.add(1, rule);
        StringBuilder sb = new StringBuilder();
        for (List<String> l : lines) {
            line(sb, l, width, numeric, markdown);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] numeric, boolean markdown) {
        List<String> padded = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            String pad = " ".repeat(width[c] - s.length());
            padded.add(numeric[c] ? pad + s : s + pad);
        }
        String l = String.join(markdown ? " | " : "  ", padded);
        sb.append(markdown ? "| " + l + " |" : l.stripTrailing()).append('\n');
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
    }
}
