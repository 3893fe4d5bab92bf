package io.github.vsched.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input a hostile user could give: each test is named after the rule it checks. Every bad input
 * ends with exit status 2, a message that says where and what, no stack trace, in bounded time
 * and memory.
 */
class HostileInputTest {
    private static final String RR = "builtin:round-robin";

    private static CliRun bad(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).as(r.toString()).doesNotContain("internal error").doesNotContain("\tat ")
                .doesNotContain("Exception");
        return r;
    }

    private static Path roundRobin(Path dir, String from, String to) throws IOException {
        String text = io.github.vsched.scenario.ScenarioSource.text(RR);
        assertThat(text).contains(from);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text.replace(from, to));
        return f;
    }

    // --- out of memory or a stack trace

    @Test
    void aCpuRangeIsBoundedByTheMostPcpusWhileThePlatformIsUnknown(@TempDir Path dir) throws IOException {
        Path f = roundRobin(dir, "id: generic-smp", "id: no-such-platform");
        Files.writeString(f, Files.readString(f).replace("    workload: cpu-hog", "    affinity: 0-2147483647\n"
                + "    workload: cpu-hog"));
        CliRun r = bad("validate", f.toString());
        assertThat(r.err()).contains("unknown platform 'no-such-platform'")
                .containsPattern("s\\.yaml:\\d+:\\d+: domains\\[batch\\]\\.affinity: invalid value '0-2147483647';"
                        + " allowed: a PCPU list such as 0-3,6 with PCPUs 0\\.\\.4095");
    }

    @Test
    void aScenarioThatIsNotARegularFileIsRefusedBeforeItIsRead() {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThat(bad("validate", zero.toString()).err())
                    .contains("scenario '/dev/zero' is not a regular file (a device, pipe or socket)");
        }
    }

    @Test
    void aScenarioFileLargerThanTheLimitIsRefusedWithTheLimit(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, "name: big\ndescription: " + "x".repeat(5 << 20) + "\n");
        long start = System.nanoTime();
        CliRun r = bad("validate", f.toString());
        assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
        assertThat(r.err()).contains("is larger than 1024 KiB, the largest scenario file read");
    }

    @Test
    void sweepNumbersWithHugeExponentsAreOutOfRangeNotAnInternalError(@TempDir Path dir) {
        for (String spec : new String[] {"1..2:1e-2147483647", "1e-2147483648..1:1", "1..1e99999999:1e99999998",
            "1e2147483647..1e2147483647:1"}) {
            CliRun r = bad("sweep", RR, "--param", "seed=" + spec, "--out", dir.resolve("o").toString());
            assertThat(r.err()).contains("--param seed=" + spec + ": ").contains("is out of range; allowed: at most 30"
                    + " digits before and after the decimal point");
        }
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aSweepRangeIsCountedBeforeItsValuesAreMade(@TempDir Path dir) {
        CliRun r = bad("sweep", RR, "--param", "seed=1..1e29:1", "--out", dir.resolve("o").toString());
        assertThat(r.err()).contains("has more than 10000 values");
    }

    @Test
    void scenariosAtTheDocumentedMaximaValidateAndRunAtATestHeap(@TempDir Path dir) {
        String[] maxima = {"--set", "platform.sockets=16", "--set", "platform.coresPerSocket=256", "--set",
            "platform.coresPerCache=256", "--set", "domain.dom0.vcpus=4096", "--set", "domain.batch.vcpus=4096",
            "--set", "domain.dom0.memory=1", "--set", "domain.batch.memory=1"};
        CliRun v = CliRun.of(concat(new String[] {"validate", RR}, maxima));
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).contains("(4096 PCPUs), 4 domains with 8194 VCPUs");
        CliRun r = CliRun.of(concat(new String[] {"run", RR, "--duration", "5ms", "--vcpus", "periodic"}, maxima));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("periodic/0");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
