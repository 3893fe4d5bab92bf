package io.github.vsched.scenario;

import io.github.vsched.api.CpuMask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shapes of a scenario's own values, each bad one a problem at its place that says what is allowed. */
class ValueParserTest {
    private final List<Problem> problems = new ArrayList<>();

    private static Value at(String text) {
        return new Value(text, null, Origin.file("s.yaml", 3, 9), Origin.file("s.yaml", 3, 3), "domains[a].x");
    }

    private List<String> problemTexts() {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void memoryIsInMiBWithOrWithoutAUnitAndGiBIs1024MiB() {
        ValueParser p = new ValueParser(problems, 0, 4, false);
        assertThat(List.of(p.memoryMb(at("512")), p.memoryMb(at("512MiB")), p.memoryMb(at("512M")),
                p.memoryMb(at("2GiB")), p.memoryMb(at("2G")))).containsExactly(512L, 512L, 512L, 2048L, 2048L);
        assertThat(problems).isEmpty();
        assertThat(p.memoryMb(at("2TB"))).isZero();
        assertThat(problemTexts()).containsExactly("s.yaml:3:9: domains[a].x: invalid value '2TB'; allowed: a whole"
                + " number of MiB, at least 1, or with a unit (512MiB, 2GiB, 512M, 2G)");
    }

    @Test
    void aPcpuListIsBoundedByThePlatformsPcpus() {
        ValueParser p = new ValueParser(problems, 0, 4, false);
        assertThat(p.cpuMask(at("0-1, 3"))).isEqualTo(CpuMask.of(0, 1, 3));
        assertThat(p.cpuMask(at("0-3,6"))).isNull();
        assertThat(problemTexts()).containsExactly("s.yaml:3:9: domains[a].x: invalid value '0-3,6'; allowed: a PCPU"
                + " list such as 0-3,6 with PCPUs 0..3");
    }

    @Test
    void aPcpuListBeforeThePlatformIsKnownIsBoundedByMaxPcpus() {
        ValueParser p = new ValueParser(problems, 0, -1, true);
        assertThat(p.cpuMask(at("0-2147483647"))).isNull();
        assertThat(problemTexts()).singleElement().asString()
                .endsWith("with PCPUs 0.." + (ScenarioResolver.MAX_PCPUS - 1));
    }

    @Test
    void aDurationInTscUsesThePlatformsRateAndPassesUnreportedWhenThePlatformWasRefused() {
        assertThat(new ValueParser(problems, 2_000_000_000L, 4, false).duration(at("4000tsc"), true)).isEqualTo(2000);
        assertThat(new ValueParser(problems, 0, -1, true).duration(at("4000tsc"), true)).isEqualTo(1);
        assertThat(problems).isEmpty();
        assertThat(new ValueParser(problems, 0, -1, false).duration(at("4000tsc"), true)).isZero();
        assertThat(problemTexts()).singleElement().asString().contains("invalid value '4000tsc'; allowed: a duration"
                + " with a unit (ns, us, ms, s, min, tsc)");
    }

    @Test
    void aWholeNumberOutOfItsRangeIsTheMinimumWithAProblem() {
        ValueParser p = new ValueParser(problems, 0, 4, false);
        assertThat(p.range(at("1_000"), 1, 4096)).isEqualTo(1000);
        assertThat(p.range(at("4097"), 1, 4096)).isEqualTo(1);
        assertThat(problemTexts()).containsExactly("s.yaml:3:9: domains[a].x: invalid value '4097'; allowed: a whole"
                + " number in [1, 4096]");
    }
}
