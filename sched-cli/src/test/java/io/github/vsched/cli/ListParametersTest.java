package io.github.vsched.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vsched list schedulers} shows optional parameters without a default and inherited
 * ones as inherited: what a run does when they are not given.
 */
class ListParametersTest {

    /** The table row of parameter {@code name} in the section after {@code title} of {@code plugin}. */
    private static String row(String out, String plugin, String title, String name) {
        String section = out.substring(out.indexOf("\n  " + plugin + ": "));
        section = section.substring(section.indexOf(title));
        for (String line : section.lines().skip(1).toList()) {
            if (!line.matches("      \\S.*")) {
                continue; // a description, indented deeper
            }
            List<String> cells = List.of(line.trim().split("\\s+"));
            if (cells.get(0).equals(name)) {
                return line.trim();
            }
        }
        throw new AssertionError("no row " + name + " under " + title + " of " + plugin);
    }

    @Test
    void optionalParametersShowNoDefaultAndInheritedOnesShowInherited() {
        CliRun r = CliRun.of("list", "schedulers");
        assertThat(r.code()).as(r.toString()).isZero();
        // credit's rate limit: the xenVersion preset decides unless given
        assertThat(row(r.out(), "credit", "parameters (--set", "ratelimitUs")).matches("ratelimitUs\\s+integer\\s+us\\s+\\[0, 500000\\] us");
        assertThat(row(r.out(), "credit", "parameters (--set", "tsliceMs")).matches("tsliceMs\\s+integer\\s+ms\\s+30\\s+.*");
        // rtds: the domain's server, inherited by each VCPU
        assertThat(row(r.out(), "rtds", "per-domain parameters", "budget")).matches("budget\\s+duration\\s+ns\\s+4ms\\s+.*");
        assertThat(row(r.out(), "rtds", "per-VCPU parameters", "budget")).matches("budget\\s+duration\\s+ns\\s+inherited\\s+.*");
        assertThat(row(r.out(), "rtds", "per-VCPU parameters", "extratime")).matches("extratime\\s+boolean\\s+true\\s+.*");
    }

    /** A capability the plugin has only with some parameters is listed apart. */
    @Test
    void capabilitiesThatDependOnTheParametersAreListedApart() {
        String out = CliRun.of("list").out();
        assertThat(out).contains("  rtds: ").contains("    capabilities: affinity, cpupools, runtime_adjust, smp; with some parameters:"
                + " work_conserving\n");
        assertThat(out).contains("    capabilities: affinity, caps, cpupools, runtime_adjust, smp, weights\n");
        assertThat(out.substring(out.indexOf("  phases: "))).contains("    capabilities: quality_metrics; with some"
                + " parameters: io\n");
    }
}
