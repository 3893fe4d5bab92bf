package io.github.vsched.cli.report;

/** Colours that stay apart from each other, for domains and for schedulers. */
final class Palette {
    private static final String[] DOMAINS = {"#3b6fb6", "#e8862a", "#3a9a5b", "#c43c4b", "#7d5cb0", "#8c6239",
        "#d45fa8", "#6f7378", "#a6a728", "#1fa6b8"};
    private static final String[] SCHEDULERS = {"#1b5fa8", "#d1495b", "#2e9e6a", "#edae49", "#6a4c93", "#00798c",
        "#8d6a4f", "#5c5c5c"};

    private Palette() {
    }

    /** The colour of the {@code i}-th domain. */
    static String domain(int i) {
        return DOMAINS[Math.floorMod(i, DOMAINS.length)];
    }

    /** The colour of the {@code i}-th scheduler. */
    static String scheduler(int i) {
        return SCHEDULERS[Math.floorMod(i, SCHEDULERS.length)];
    }
}
