package io.github.vsched.cli;

/** The version of vsched, from the jar's manifest. */
public final class Version {
    private Version() {
    }

    /** The version, or {@code dev} when running from classes rather than the jar. */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
