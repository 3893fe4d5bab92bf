package io.github.vsched.cli.report;

import io.github.vsched.cli.output.FileNames;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTML page and its charts, each also as a standalone SVG file for documents to embed.
 *
 * @param html   the page
 * @param charts the charts in page order: file name ({@code timeline-credit.svg}) to SVG text
 */
public record Page(String html, Map<String, String> charts) {

    /** @throws NullPointerException if an argument is null */
    public Page {
        charts = Collections.unmodifiableMap(new LinkedHashMap<>(charts));
    }

    /** The charts of a page, kept as the page is drawn. */
    static final class Charts {
        private static final int MAX_NAME = 100;
        private final Map<String, String> files = new LinkedHashMap<>();
        private final Set<String> taken = new HashSet<>();

        /**
         * Keeps {@code chart} (drawn by {@link Svg}) as a standalone file named after what it
         * shows: the parts joined by {@code -}, every run of characters other than letters,
         * digits, {@code .}, {@code _} and {@code -} replaced by {@code -}, made unique (also
         * ignoring case) by a suffix {@code -2}, {@code -3} ...
         *
         * @return {@code chart}, for the page
         */
        String add(String chart, String... parts) {
            String base = FileNames.safe(String.join("-", parts), "chart");
            base = base.substring(0, Math.min(base.length(), MAX_NAME));
            String name = base;
            for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
                name = base + "-" + i;
            }
            files.put(name + ".svg", Svg.standalone(chart));
            return chart;
        }

        /** The page with the charts kept. */
        Page page(String html) {
            return new Page(html, files);
        }
    }
}
