package io.github.vsched.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real shaded jar run as a separate process, as users run it.
 *
 * @param code exit status
 * @param out  standard output
 * @param err  standard error
 */
record CliProcess(int code, String out, String err) {

    /** The jar under test (set by the failsafe configuration). */
    static Path jar() {
        String p = System.getProperty("vsched.jar");
        if (p == null) {
            throw new IllegalStateException("system property vsched.jar is not set; run the ITs through Maven");
        }
        return Path.of(p);
    }

    /** Runs {@code java -jar vsched.jar args...} in {@code dir}. */
    static CliProcess run(Path dir, String... args) {
        return run(dir, Map.of(), args);
    }

    /** Runs with extra environment variables. */
    static CliProcess run(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return exec(dir, env, cmd);
    }

    /** Runs any command. */
    static CliProcess exec(Path dir, Map<String, String> env, List<String> cmd) {
        try {
            Path out = Files.createTempFile("vsched-it-", ".out");
            Path err = Files.createTempFile("vsched-it-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("VSCHED_PLUGIN_PATH");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            CliProcess r = new CliProcess(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
