package io.github.vsched.cli.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad input of every kind exits with status 2 and a message naming where, what, and what is allowed. */
class BadInputIT {
    @TempDir
    static Path tmp;
    static ItFixture fx;

    private static final String GOOD = """
            duration: 100ms
            platform: {id: test-smp, params: {pcpus: 2}}
            scheduler: round-robin
            domains:
              - name: player
                workload: {id: test-periodic, params: {period: 2ms}}
            """;

    @BeforeAll
    static void setUp() throws IOException {
        fx = new ItFixture(tmp);
    }

    private static CliProcess validate(String name, String yaml) throws IOException {
        fx.scenario(name, yaml);
        CliProcess r = fx.run("validate", name);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        return r;
    }

    @Test
    void malformedYaml() throws IOException {
        CliProcess r = validate("malformed.yaml", GOOD.replace("params: {period: 2ms}", "params: {period: 2ms"));
        assertThat(r.err()).startsWith("vsched: error: malformed.yaml:7:1: malformed YAML: while parsing a flow mapping"
                + " (line 6, column 15): expected ',' or '}', but got <stream end>");
    }

    @Test
    void unknownKey() throws IOException {
        CliProcess r = validate("unknown-key.yaml", GOOD.replace("duration:", "durration:"));
        assertThat(r.err()).contains("unknown-key.yaml:1:1: durration: unknown key (did you mean 'duration'?);"
                + " allowed here: name, description, seed, duration,");
    }

    @Test
    void unknownSchedulerId() throws IOException {
        CliProcess r = validate("unknown-scheduler.yaml", GOOD.replace("scheduler: round-robin", "scheduler: roundrobin"));
        assertThat(r.err()).contains("unknown-scheduler.yaml:3:12: scheduler: unknown scheduler 'roundrobin' (did you"
                + " mean 'round-robin'?); installed schedulers: ").contains("round-robin");
    }

    @Test
    void badUnit() throws IOException {
        CliProcess r = validate("bad-unit.yaml", GOOD.replace("period: 2ms", "period: 2mx"));
        assertThat(r.err()).contains("bad-unit.yaml:6:52: domains[player].workload.params.period: invalid value '2mx'"
                + " for workload test-periodic; allowed: a duration with a unit (ns, us, ms, s, tsc) in [10us, 1s]"
                + " (unknown unit 'mx')");
    }

    @Test
    void outOfRangeValue() throws IOException {
        CliProcess r = validate("range.yaml", GOOD.replace("pcpus: 2", "pcpus: 65"));
        assertThat(r.err()).contains("range.yaml:2:42: platform.params.pcpus: invalid value '65' for platform test-smp;"
                + " allowed: a value in [1, 64]");
    }

    @Test
    void outOfRangeValueFromTheCommandLine() {
        CliProcess r = fx.run("run", "two-pcpus.yaml", "--set", "round-robin.slice=2s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--set round-robin.slice=2s: round-robin.slice: invalid value '2s' for scheduler"
                + " round-robin; allowed: a value in [100us, 1s]");
    }

    @Test
    void missingFile() {
        CliProcess r = fx.run("run", "no-such.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vsched: error: scenario file 'no-such.yaml' not found\n");
    }

    @Test
    void everyProblemOfAFileIsListed() throws IOException {
        CliProcess r = validate("many.yaml", GOOD.replace("duration: 100ms", "duration: 100").replace("pcpus: 2",
                "pcpus: x"));
        assertThat(r.err()).startsWith("vsched: error: 2 problems:\n  many.yaml:1:11: duration")
                .contains("  many.yaml:1:11: duration: invalid value '100'; allowed: a duration with a unit")
                .contains("  many.yaml:2:42: platform.params.pcpus: invalid value 'x'");
    }

    @Test
    void anUnknownOptionOrCommand() {
        CliProcess r = fx.run("run", "two-pcpus.yaml", "--sed", "3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--sed', '3'").contains("Possible solutions: --seed")
                .contains("Try 'vsched run --help'");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedFailsBeforeRunning() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        CliProcess r = fx.run("compare", "two-pcpus.yaml", "--out", file.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("vsched: error: output folder '" + file.resolve("out") + "' cannot be created");
        assertThat(r.out()).as("nothing ran").isEmpty();
    }

    @Test
    void aReadOnlyOutputFolderFailsBeforeRunning() throws IOException {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "running as root: a read-only folder is still writable");
            CliProcess r = fx.run("run", "two-pcpus.yaml", "--out", ro.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("output folder '" + ro + "' cannot be written");
            assertThat(r.out()).isEmpty();
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aMissingPluginFolder() {
        CliProcess r = CliProcess.run(tmp, "list", "--plugin-path", "no-plugins-here");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vsched: error: --plugin-path 'no-plugins-here': no such folder\n");
    }
}
