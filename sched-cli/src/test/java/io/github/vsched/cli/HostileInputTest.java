package io.github.vsched.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    // --- slow rejection

    @Test
    void aMegabyteValueIsRefusedInProportionalTime(@TempDir Path dir) throws IOException {
        String[][] cases = {{"      slice: 10ms", "      slice: " + "1".repeat(1_000_000) + "ms"},
            {"workload: cpu-hog", "workload: " + "c".repeat(1_000_000)},
            {"    vcpus: 2\n", "    vcpus: " + "9".repeat(1_000_000) + "\n"}};
        for (String[] c : cases) {
            Path f = roundRobin(dir, c[0], c[1]);
            long start = System.nanoTime();
            CliRun r = bad("validate", f.toString());
            assertThat(System.nanoTime() - start).as(r.toString()).isLessThan(3_000_000_000L);
            assertThat(r.err()).containsPattern("s\\.yaml:\\d+:\\d+: ").contains("(100000").contains(" characters)");
        }
    }

    // --- validate refuses what run would refuse, with the same message

    @Test
    void validateRefusesWhatRunWouldRefuseWithTheSameMessage(@TempDir Path dir) {
        String[][] cases = {
            {"domain dom0 runs workload dom0-backend, which serves the other domains' I/O, but is not a driver"
                + " domain", "domain.dom0.driver=false"},
            {"domain batch runs workload dom0-backend, which serves the other domains' I/O, but is not a driver"
                + " domain", "domain.batch.workload=dom0-backend"},
            {"domain client runs workload network-pingpong, which issues I/O, but no domain is a driver domain to"
                + " serve it", "domain.dom0.driver=false", "domain.dom0.workload=cpu-hog"}};
        for (String[] c : cases) {
            List<String> sets = new ArrayList<>();
            for (int i = 1; i < c.length; i++) {
                sets.add("--set");
                sets.add(c[i]);
            }
            CliRun v = bad(concat(new String[] {"validate", RR}, sets.toArray(String[]::new)));
            CliRun r = bad(concat(new String[] {"run", RR, "--out", dir.resolve("o").toString()},
                    sets.toArray(String[]::new)));
            assertThat(v.err()).contains(c[0]).containsPattern("builtin:round-robin\\.yaml:\\d+:\\d+: domains\\[");
            assertThat(r.err()).isEqualTo(v.err());
        }
        assertThat(dir.resolve("o")).doesNotExist();
    }

    // --- runs that never end

    @Test
    void aDurationLongerThanTheLimitPerRunIsRefusedWithTheLimitAndHowToRaiseIt() throws IOException {
        for (String d : new String[] {"100000000min", "9223372036854775807ns", "3600000000001us"}) {
            CliRun r = bad("validate", RR, "--duration", d);
            assertThat(r.err()).contains("--duration " + d + ": duration: invalid value '" + d + "'")
                    .contains("allowed: a duration greater than 0 and at most 3600s, the limit of simulated time per"
                            + " run (raise it with --max-duration)");
        }
        // the README shows this refusal word for word
        String line = bad("validate", RR, "--duration", "100000000min").err().strip();
        assertThat(Files.readString(Path.of("README.md"))).contains("`" + line + "`");
        CliRun raised = CliRun.of("validate", RR, "--duration", "2h", "--max-duration", "3h");
        assertThat(raised.code()).as(raised.toString()).isZero();
        assertThat(bad("validate", RR, "--max-duration", "0s").err()).contains("--max-duration '0s': allowed");
    }

    // --- garbage accepted

    @Test
    void aDomainNeedsAtLeastOneMibOfMemory() {
        assertThat(bad("validate", RR, "--set", "domain.batch.memory=0").err()).contains("--set"
                + " domain.batch.memory=0: domain.batch.memory: invalid value '0'; allowed: a whole number of MiB, at"
                + " least 1");
    }

    @Test
    void controlCharactersInAValueAreEscapedAndLongValuesShortenedWhenPrintedBack(@TempDir Path dir)
            throws IOException {
        Path f = roundRobin(dir, "- name: batch ", "- name: \"b" + "\\n".repeat(5000) + "x\" ");
        CliRun r = bad("validate", f.toString());
        assertThat(r.err().lines().count()).isLessThan(5);
        assertThat(r.err()).contains("invalid domain name 'b\\n\\n").contains("characters)");
        assertThat(r.err().length()).isLessThan(8000);
    }

    @Test
    void seedsThatWouldGoPastTheLargestSeedAreRefused(@TempDir Path dir) {
        CliRun r = bad("compare", RR, "--seed", Long.toString(Long.MAX_VALUE), "--seeds", "2", "--schedulers",
                "round-robin", "--out", dir.resolve("o").toString());
        assertThat(r.err()).contains("--seeds 2: seeds 9223372036854775807 and the 1 following go past the largest"
                + " seed");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void anEmptyOutputFolderNameIsRefused() {
        assertThat(bad("run", RR, "--out", "").err()).contains("output folder '': the name is empty");
    }

    @Test
    void aCorruptJarOnThePluginPathIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertThat(bad("validate", RR, "--plugin-path", dir.toString()).err())
                .contains("--plugin-path: '" + dir.resolve("broken.jar") + "' is not a readable jar");
    }

    @Test
    void twoPerVcpuKeysForTheSameVcpuAreRefused(@TempDir Path dir) throws IOException {
        Path f = roundRobin(dir, "    vcpus: 2\n", "    vcpus: 2\n    perVcpu:\n      0: {affinity: 0}\n"
                + "      00: {affinity: 1}\n");
        assertThat(bad("validate", f.toString()).err()).containsPattern("s\\.yaml:\\d+:7: domains\\[batch\\]"
                + "\\.perVcpu\\.00: VCPU 0 is already given as '0' at .*s\\.yaml:\\d+:7; give each VCPU once");
    }

    @Test
    void everySchedulerSectionIsCheckedAgainstItsPluginWhicheverSchedulerRuns(@TempDir Path dir)
            throws IOException {
        Path f = roundRobin(dir, "      slice: 10ms", "      slice: 10ms\n    credit:\n      tslicems: 5");
        assertThat(bad("validate", f.toString()).err()).containsPattern("s\\.yaml:\\d+:7:"
                + " scheduler\\.params\\.credit\\.tslicems: unknown parameter 'tslicems' of scheduler credit \\(did you"
                + " mean 'tsliceMs'\\?\\)");
        Path g = roundRobin(dir, "      slice: 10ms", "      slice: 10ms\n    no-such-scheduler:\n      x: 5");
        CliRun ok = CliRun.of("validate", g.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.err()).contains("settings for scheduler 'no-such-scheduler' are not checked");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
