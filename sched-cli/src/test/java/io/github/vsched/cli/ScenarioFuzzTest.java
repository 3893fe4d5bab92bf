package io.github.vsched.cli;

import io.github.vsched.scenario.ScenarioKey;
import io.github.vsched.scenario.ScenarioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutates the shipped scenarios (drops, duplicates and retypes keys, puts huge, negative and
 * odd values, deep nesting and binary bytes in them), and gives them random {@code --set}
 * options built from the documented keys and every installed plugin's parameters; runs each
 * through the command line in-process, checking the contract for bad input: exit status 0 or
 * 2, never 1; on 2, every line a {@code vsched: error:} naming a place (file:line:column or the
 * option), no stack trace, no library internals, nothing written to the output folder; each
 * case in bounded time; and {@code validate} accepts exactly what {@code run} accepts, refusing
 * the rest with the same message.
 *
 * <p>Seeded, so a failure repeats. The default run is small; a longer one is opt-in:
 * {@code mvn -pl sched-cli -am test -Dtest=ScenarioFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvsched.fuzz.cases=5000 -Dvsched.fuzz.seed=7}. Regressions found are kept in
 * {@code src/test/resources/hostile/} and checked on every build.
 */
class ScenarioFuzzTest {
    private static final int CASES = Integer.getInteger("vsched.fuzz.cases", 40);
    private static final long SEED = Long.getLong("vsched.fuzz.seed", 20240516L);
    /** Longest a case may take, whatever the input. */
    private static final long MAX_CASE_NS = 5_000_000_000L;
    private static final Pattern PLACE = Pattern.compile("(\\.yaml:\\d+:\\d+: |^vsched: error: --|: '?--[a-z]|^  --[a-z]|"
            + "^vsched: error: scenario '|^vsched: error: [0-9]+ problems( \\(the first [0-9]+ by line\\))?:$|"
            + "^  \\.\\.\\. and [0-9]+ more problems$)");
    private static final String[] VALUES = {"-1", "0", "99999999999999999999", "9223372036854775807",
        "-9223372036854775808", "1e309", "1e-400", "2.5zz", "NaN", "-0", "0x10", "true", "''", "\"\\u0000\\a\"",
        "[1, [2, [3]]]", "{a: 1}", "9223372036854775807ns", "1e30s", "-5ms", "1.5", "4097", "0-2147483647",
        "!!binary AAAA", "*alias", "&anchor x", "\"" + "x".repeat(3000) + "\"", "~", "1_000_000_000_000min",
        "999999GiB", "1.0000000000000000001ms", "00", "\"a\\nb\""};

    @Test
    void mutatedShippedScenariosAreRefusedWithAPlaceOrAccepted(@TempDir Path dir) throws IOException {
        List<String> bases = new ArrayList<>();
        for (String name : ScenarioSource.builtins()) {
            // short runs, so a mutation that stays valid runs in moments
            bases.add(ScenarioSource.text(ScenarioSource.BUILTIN + name).replaceFirst("(?m)^duration: .*$",
                    "duration: 2ms"));
        }
        Random random = new Random(SEED);
        int refused = 0;
        for (int n = 0; n < CASES; n++) {
            String base = bases.get(random.nextInt(bases.size()));
            byte[] mutated = mutate(base, random);
            Path f = dir.resolve("case" + n + ".yaml");
            Files.write(f, mutated);
            if (check(f, dir.resolve("out" + n), "seed " + SEED + ", case " + n).code() == Main.BAD_INPUT) {
                refused++;
            }
        }
        // the mutations are meant to break the scenarios: most must have been refused
        assertThat(refused).as("cases refused of " + CASES).isGreaterThan(CASES / 2);
    }

    @Test
    void theCorpusOfRegressionsIsRefusedWithAPlace(@TempDir Path dir) throws IOException {
        List<String> corpus;
        try (InputStream in = getClass().getResourceAsStream("/hostile/corpus.txt")) {
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(corpus).isNotEmpty();
        int i = 0;
        for (String line : corpus) {
            // NAME, or NAME | what the message must contain
            String[] parts = line.split(" \\| ", 2);
            String name = parts[0].trim();
            Path f = dir.resolve(name);
            try (InputStream in = getClass().getResourceAsStream("/hostile/" + name)) {
                Files.write(f, in.readAllBytes());
            }
            CliRun r = check(f, dir.resolve("out" + i++), name);
            assertThat(r.code()).as(name + "\n" + r).isEqualTo(Main.BAD_INPUT);
            if (parts.length > 1) {
                assertThat(r.err()).as(name).contains(name + parts[1].trim());
            }
        }
    }

    @Test
    void randomSetOptionsOnShippedScenariosAreRefusedWithAPlaceOrAccepted(@TempDir Path dir) {
        io.github.vsched.core.PluginRegistry plugins = TestScenarios.FACTORY.registry();
        List<String> keys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ScenarioKey k : ScenarioKey.values()) {
            if (k.place() != ScenarioKey.Place.DOMAIN) {
                keys.add(k.path());
            }
        }
        plugins.schedulers().forEach((id, p) -> {
            ids.add("scheduler=" + id);
            p.parameters().forEach(x -> keys.add(id + "." + x.name()));
            p.parameters().forEach(x -> keys.add("scheduler." + x.name()));
            p.domainParameters().forEach(x -> keys.add("domain.D." + x.name()));
            p.vcpuParameters().forEach(x -> keys.add("domain.D.vcpu.N." + x.name()));
        });
        plugins.platforms().forEach((id, p) -> {
            ids.add("platform=" + id);
            p.parameters().forEach(x -> keys.add("platform." + x.name()));
        });
        plugins.workloads().forEach((id, p) -> {
            ids.add("domain.D.workload=" + id);
            p.parameters().forEach(x -> keys.add("domain.D.workload." + x.name()));
        });
        for (ScenarioKey k : ScenarioKey.values()) {
            if (k.place() == ScenarioKey.Place.DOMAIN) {
                keys.add("domain.D." + k.key());
            }
        }
        keys.add("domain.D.vcpu.N.affinity");
        String[] good = {"1", "2", "0", "true", "false", "1ms", "10ms", "0-1", "hvm", "pv", "512", "0.5", "fixed",
            "normal", "run:1ms,sleep:2ms", "4.2"};
        List<String> builtins = ScenarioSource.builtins();
        Random random = new Random(SEED + 1);
        int refused = 0;
        for (int n = 0; n < CASES; n++) {
            String ref = ScenarioSource.BUILTIN + builtins.get(random.nextInt(builtins.size()));
            List<String> domains = ScenarioSource.load(ref).domainNames();
            List<String> args = new ArrayList<>(List.of("--duration", "2ms"));
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                String set;
                if (random.nextInt(5) == 0) {
                    set = ids.get(random.nextInt(ids.size()));
                } else {
                    String v = random.nextBoolean() ? good[random.nextInt(good.length)]
                            : VALUES[random.nextInt(VALUES.length)];
                    set = keys.get(random.nextInt(keys.size())) + "=" + v;
                }
                set = set.replace("domain.D.", "domain." + domains.get(random.nextInt(domains.size())) + ".")
                        .replace(".vcpu.N.", ".vcpu." + new String[] {"0", "1", "all", "7"}[random.nextInt(4)] + ".");
                args.add("--set");
                args.add(set);
            }
            CliRun r = check(ref, args, dir.resolve("out" + n), "seed " + (SEED + 1) + ", case " + n + ": " + args);
            if (r.code() == Main.BAD_INPUT) {
                refused++;
            }
        }
        assertThat(refused).as("cases refused of " + CASES).isGreaterThan(0);
    }

    private static CliRun check(Path file, Path out, String label) {
        return check(file.toString(), List.of(), out, label + ": " + file.getFileName());
    }

    /**
     * Validates, then runs, a scenario with options; checks the contract for bad input, and
     * that validate and run agree.
     */
    private static CliRun check(String scenario, List<String> options, Path out, String label) {
        List<String> validate = new ArrayList<>(List.of("validate", scenario, "--max-duration", "5ms"));
        validate.addAll(options);
        List<String> run = new ArrayList<>(List.of("run", scenario, "--out", out.toString(), "--max-duration", "5ms",
                "--no-progress"));
        run.addAll(options);
        long start = System.nanoTime();
        CliRun v = CliRun.of(validate.toArray(String[]::new));
        CliRun r = CliRun.of(run.toArray(String[]::new));
        long took = System.nanoTime() - start;
        String what = label + "\n--- validate: " + v + "\n--- run: " + r;
        assertThat(took).as(what).isLessThan(2 * MAX_CASE_NS);
        // what run would refuse before its first event, validate refuses with the same message
        assertThat(v.code()).as(what).isEqualTo(r.code());
        if (v.code() == Main.BAD_INPUT) {
            assertThat(v.err()).as(what).isEqualTo(r.err());
        }
        assertThat(r.code()).as(what).isIn(Main.OK, Main.BAD_INPUT);
        if (r.code() == Main.BAD_INPUT) {
            assertThat(out).as(what).doesNotExist();
            assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("internal error").doesNotContain("snakeyaml").doesNotContain("jackson")
                    .doesNotContain("StreamReadConstraints");
            List<String> lines = r.err().lines().filter(l -> !l.startsWith("vsched: warning: ")).toList();
            assertThat(lines).as(what).isNotEmpty();
            assertThat(lines.get(0)).as(what).startsWith("vsched: error: ");
            for (String l : lines) {
                assertThat(PLACE.matcher(l).find()).as(what + "\nline without a place: " + l).isTrue();
            }
        }
        return r;
    }

    /** One mutation of a scenario's text. */
    static byte[] mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*(- )?[A-Za-z0-9_-]+:.*")) {
                keyed.add(i);
            }
        }
        int at = keyed.get(random.nextInt(keyed.size()));
        String line = lines.get(at);
        int colon = line.indexOf(':');
        String key = line.substring(0, colon);
        switch (random.nextInt(8)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, line);
            case 2, 3 -> lines.set(at, key + ": " + VALUES[random.nextInt(VALUES.length)]);
            case 4 -> lines.set(at, key + ": [" + line.substring(colon + 1).replaceAll("#.*", "").trim() + "]");
            case 5 -> {
                int depth = 50 + random.nextInt(2000);
                lines.set(at, key + ": " + "[".repeat(depth) + "]".repeat(depth));
            }
            case 6 -> {
                // a typo in the key
                char[] k = key.toCharArray();
                int p = k.length - 1 - random.nextInt(Math.max(1, key.trim().length() - 1));
                k[p] = (char) ('a' + random.nextInt(26));
                lines.set(at, new String(k) + line.substring(colon));
            }
            default -> {
                byte[] b = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                int p = random.nextInt(b.length);
                for (int i = 0; i < 1 + random.nextInt(4) && p + i < b.length; i++) {
                    b[p + i] = (byte) random.nextInt(256);
                }
                return b;
            }
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
