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

    /** 4,096 PCPUs and 4,096 VCPUs in all; the test JVM's heap is 512 MiB (surefire's argLine). */
    @Test
    void scenariosAtTheDocumentedMaximaValidateAndRunAtATestHeap(@TempDir Path dir) {
        String[] maxima = {"--set", "platform.sockets=16", "--set", "platform.coresPerSocket=256", "--set",
            "platform.coresPerCache=256", "--set", "domain.dom0.vcpus=1", "--set", "domain.batch.vcpus=4093",
            "--set", "domain.dom0.memory=1", "--set", "domain.batch.memory=1", "--vcpus", "periodic,batch/4092"};
        CliRun v = CliRun.of(concat(new String[] {"validate", RR}, maxima));
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).contains("(4096 PCPUs), 4 domains with 4096 VCPUs");
        CliRun r = CliRun.of(concat(new String[] {"run", RR, "--duration", "5ms", "--out", dir.resolve("o").toString()},
                maxima));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("periodic/0").contains("batch/4092");
        assertThat(dir.resolve("o/report.html")).isNotEmptyFile();
    }

    @Test
    void moreVcpusInAllDomainsThanTheLimitAreRefusedAtTheDomainThatCrossesIt() {
        CliRun r = bad("validate", RR, "--set", "domain.batch.vcpus=4094", "--set", "domain.periodic.vcpus=4000",
                "--vcpus", "client");
        assertThat(r.err()).isEqualTo("vsched: error: --set domain.periodic.vcpus=4000: domain.periodic.vcpus: the"
                + " domains up to this one have 8095 VCPUs; allowed: at most 4096 VCPUs in all domains"
                + System.lineSeparator());
    }

    @Test
    void moreVcpusOfInterestThanTheLimitAreRefusedAndTheDefaultIsCut(@TempDir Path dir) throws IOException {
        assertThat(bad("validate", RR, "--set", "domain.batch.vcpus=100", "--vcpus", "batch").err())
                .contains("--vcpus batch: report.vcpus: names 100 VCPUs; allowed: at most 64 VCPUs of interest");
        assertThat(bad("validate", RR, "--vcpus", " , ").err()).contains("--vcpus  , : report.vcpus: names no VCPU");
        Path f = roundRobin(dir, "  vcpus: [periodic/0, client/0, batch]\n", "");
        CliRun r = CliRun.of("run", f.toString(), "--set", "domain.batch.vcpus=100", "--duration", "1ms");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("report.vcpus: the first 64 of its 102 VCPUs are of interest");
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
        // each at the value that caused it
        String[][] cases = {
            {"--set domain.dom0.driver=false: domain.dom0.driver: domain dom0 runs workload dom0-backend, which"
                + " serves the other domains' I/O, but is not a driver domain", "domain.dom0.driver=false"},
            {"--set domain.batch.workload=dom0-backend: domain.batch.workload: domain batch runs workload"
                + " dom0-backend, which serves the other domains' I/O, but is not a driver domain",
                "domain.batch.workload=dom0-backend"},
            {"builtin:round-robin.yaml:43:15: domains[client].workload: domain client runs workload"
                + " network-pingpong, which issues I/O, but no domain is a driver domain to serve it",
                "domain.dom0.driver=false", "domain.dom0.workload=cpu-hog"},
            {"--set domain.batch.driver=true: domain.batch.driver: domains dom0 and batch are both driver domains;"
                + " at most one domain may be", "domain.batch.driver=true"}};
        for (String[] c : cases) {
            List<String> sets = new ArrayList<>();
            for (int i = 1; i < c.length; i++) {
                sets.add("--set");
                sets.add(c[i]);
            }
            CliRun v = bad(concat(new String[] {"validate", RR}, sets.toArray(String[]::new)));
            CliRun r = bad(concat(new String[] {"run", RR, "--out", dir.resolve("o").toString()},
                    sets.toArray(String[]::new)));
            assertThat(v.err()).startsWith("vsched: error: " + c[0]).hasLineCount(1);
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

    // --- messages with a place

    @Test
    void aValueAPluginRefusesWhenItIsCreatedIsReportedAtThatValue(@TempDir Path dir) throws IOException {
        // phases: every error of the phase list at the value
        Path f = roundRobin(dir, "        run: 1ms\n        period: 10ms", "        phases: run:1ms,bogus:2ms");
        assertThat(bad("validate", f.toString()).err()).containsPattern("s\\.yaml:38:17:"
                + " domains\\[periodic\\]\\.workload\\.params\\.phases: refused by workload phases:"
                + " 'run:1ms,bogus:2ms': phase 2 \\('bogus:2ms'\\): unknown kind 'bogus'");
        // two values in conflict: at the one named, as the user wrote it
        Path g = roundRobin(dir, "        run: 1ms\n", "        run: 1ms\n        runCv: 2\n"
                + "        runDistribution: normal\n");
        assertThat(bad("validate", g.toString()).err()).containsPattern("s\\.yaml:39:16:"
                + " domains\\[periodic\\]\\.workload\\.params\\.runCv: invalid value '2' for workload phases;"
                + " allowed: at most 0\\.5 with runDistribution=normal");
        // given on the command line: at the option
        assertThat(bad("validate", RR, "--set", "scheduler=rtds", "--set", "domain.batch.vcpu.0.budget=20ms", "--set",
                "domain.batch.vcpu.0.period=10ms").err()).contains("vsched: error: --set domain.batch.vcpu.0.budget=20ms:"
                + " domain.batch.vcpu.0.budget: invalid value '20ms' for scheduler rtds; allowed:");
        // a default refused because of another value: at the VCPU's settings that asked for it
        assertThat(bad("validate", RR, "--set", "scheduler=srt-credit", "--set", "domain.batch.vcpu.0.llBoost=true")
                .err()).contains("vsched: error: --set domain.batch.vcpu.0.llBoost=true: domain.batch.vcpu.0.llBoost:"
                + " parameter 'sbt' (its default, '0ns') refused by scheduler srt-credit: allowed: > 0 when llBoost is"
                + " true");
    }

    @Test
    void theMemoryTotalIsReportedAtTheDomainThatAsksForMost() {
        assertThat(bad("validate", "builtin:paper-compile", "--set", "platform.memoryMiB=100").err())
                .contains("vsched: error: builtin:paper-compile.yaml:24:13: domains[dom0].memory: the domains need 1536"
                        + " MiB of memory in all but platform x86-q6600 has 100 MiB (domain dom0 asks for 512 MiB)");
    }

    @Test
    void yamlTheReaderCannotHoldIsReportedWithoutTheParsersInternals(@TempDir Path dir) throws IOException {
        Path complexKey = roundRobin(dir, "seed: 42", "? [a, b]\n: 42");
        assertThat(bad("validate", complexKey.toString()).err()).contains("s.yaml:7:4: malformed YAML: a key must be a"
                + " single value (a name), not a list or a mapping").doesNotContain("org.yaml");
        Path nul = roundRobin(dir, "seed: 42", "seed: 4\u00002");
        assertThat(bad("validate", nul.toString()).err()).contains("s.yaml:7:8: malformed YAML: the character U+0000"
                + " is not allowed");
    }

    @Test
    void aFileWithThousandsOfMistakesListsTheFirstHundred(@TempDir Path dir) throws IOException {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            keys.append("k").append(i).append(": 1\n");
        }
        Path f = roundRobin(dir, "seed: 42\n", "seed: 42\n" + keys);
        CliRun r = bad("validate", f.toString());
        assertThat(r.err().lines().count()).isEqualTo(102);
        assertThat(r.err()).startsWith("vsched: error: 5000 problems (the first 100 by line):")
                .endsWith("  ... and 4900 more problems" + System.lineSeparator());
    }

    @Test
    void anErrorIsPrintedOnceEvenWhenItsCauseIsGivenTwice() {
        CliRun r = bad("validate", "no-such.yaml", "no-such.yaml");
        assertThat(r.err()).isEqualTo("vsched: error: scenario file 'no-such.yaml' not found" + System.lineSeparator());
    }

    @Test
    void aSchedulerParameterGivenTwiceInBracketsIsRefused() {
        assertThat(bad("validate", RR, "--schedulers", "credit[tsliceMs=5,tsliceMs=6]").err())
                .contains("--schedulers credit[tsliceMs=5,tsliceMs=6]: parameter 'tsliceMs' is given twice");
    }

    // --- bounded work

    @Test
    void moreRunsThanTheLimitPerCommandAreRefusedBeforeAnythingRuns(@TempDir Path dir) {
        long start = System.nanoTime();
        assertThat(bad("compare", RR, "--seeds", "100000000", "--out", dir.resolve("o").toString()).err())
                .contains("--seeds 100000000: 100000000 runs (1 scheduler x 100000000 seeds); allowed: at most 100000"
                        + " runs per command");
        assertThat(bad("sweep", RR, "--param", "seed=1..10000:1", "--param", "duration=1..100:1", "--out",
                dir.resolve("o").toString()).err()).contains("--param duration=1..100:1: 1000000 runs (1000000 points"
                + " x 1 seed); allowed: at most 100000 runs per command");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void mergeRefusesResultFilesItCannotReadWithoutTheParsersInternals(@TempDir Path dir) throws IOException {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            Files.createDirectories(dir.resolve("z"));
            Files.createSymbolicLink(dir.resolve("z/result.json"), zero);
            assertThat(bad("merge", "--out", dir.resolve("o").toString(), dir.resolve("z").toString()).err())
                    .contains("result.json' is not a regular file (a device, pipe or socket)");
        }
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"schemaVersion\": 1, \"runs\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}");
        Path longText = Files.writeString(dir.resolve("long.json"), "{\"schemaVersion\": 1, \"scenario\": \""
                + "a".repeat(30_000_000) + "\"}");
        for (Path f : new Path[] {deep, longText}) {
            long start = System.nanoTime();
            CliRun r = bad("merge", "--out", dir.resolve("o").toString(), f.toString());
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
            assertThat(r.err()).contains(f + ": not a vsched result.json: it nests lists and objects too deeply, or"
                    + " holds a number or text far longer than a result has").doesNotContain("StreamReadConstraints");
        }
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aScenarioNameThatWouldNotPrintAsOneLineOfTextIsRefused() {
        for (String name : new String[] {"a\nb", "red\u001b[31m", "a\u202eb", ""}) {
            assertThat(bad("validate", RR, "--set", "name=" + name).err()).contains(": name: invalid value ")
                    .contains("allowed: 1 to 200 characters, none of them a control, format or line-separator"
                            + " character").hasLineCount(1);
        }
    }

    @Test
    void fileNamesAndOptionsAreEscapedAndShortenedWhereverTheyArePrinted(@TempDir Path dir) throws IOException {
        Path f = roundRobin(dir, "seed: 42", "seed: 42");
        Path odd = Files.copy(f, dir.resolve("a\nb\u001b[31m.yaml"));
        CliRun ok = CliRun.of("validate", odd.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("a\\nb\\u001b[31m.yaml: scenario round-robin-example").hasLineCount(1);
        CliRun r = bad("sweep", RR, "--param", "seed=1..9" + "9".repeat(100_000) + ":1", "--out",
                dir.resolve("o").toString());
        assertThat(r.err().length()).isLessThan(3000);
        assertThat(r.err()).contains("characters)");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
