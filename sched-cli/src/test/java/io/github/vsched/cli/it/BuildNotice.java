package io.github.vsched.cli.it;

/** A line for whoever runs the build, such as a test skipped for want of a tool. */
final class BuildNotice {
    private BuildNotice() {
    }

    /** Prints {@code notice: TEXT} on standard error. */
    static void print(String text) {
        System.err.println("notice: " + text);
    }
}
