package io.github.vsched.cli;

/**
 * Example values the help texts give inside option descriptions, declared once so that the
 * test of the help's examples ({@code DocumentedCommandsTest}) checks exactly what is shown.
 */
final class HelpExamples {
    /** A scheduler with a parameter ({@code --scheduler}). */
    static final String SCHEDULER = "credit[ratelimitUs=1000]";
    /** Schedulers to compare ({@code --schedulers}). */
    static final String SCHEDULERS = "credit," + SCHEDULER + ",srt-credit";
    /** A key of one scheduler ({@code SCHED.P} in --set and --param). */
    static final String SCHEDULER_KEY = "credit.tsliceMs";

    private HelpExamples() {
    }
}
