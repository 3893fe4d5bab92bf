package io.github.vsched.cli;

import io.github.vsched.api.Capability;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Provider;
import io.github.vsched.api.SchedulerProvider;
import io.github.vsched.cli.report.TextTable;
import io.github.vsched.core.PluginRegistry;
import io.github.vsched.scenario.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code vsched list}: the installed plugins with every parameter, and the built-in scenarios. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"List the installed plugins with every parameter, and the built-in scenarios.",
            "For each plugin: id, description, capabilities, the jar it came from, and every parameter with"
                + " type, unit, default and allowed range. An optional parameter has no default (the plugin"
                + " decides when it is not given); an inherited one shows 'inherited': a per-domain value"
                + " takes the scheduler-wide one, a per-VCPU value the domain's, unless set."},
        footer = {"", "Examples:", "  vsched list schedulers",
            "  vsched list scenarios"})
final class ListCommand extends CommandBase {

    /** What to list. */
    enum Kind { schedulers, platforms, workloads, scenarios }

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "schedulers, platforms, workloads or"
            + " scenarios (default: all). Valid values: ${COMPLETION-CANDIDATES}")
    Kind kind;

    @Override
    public Integer call() {
        Session s = session();
        PrintWriter out = s.out();
        PluginRegistry reg = s.registry();
        boolean all = kind == null;
        boolean first = true;
        if (all || kind == Kind.schedulers) {
            first = section(out, "Schedulers", "scheduler", reg.schedulers(), first);
        }
        if (all || kind == Kind.platforms) {
            first = section(out, "Platforms", "platform", reg.platforms(), first);
        }
        if (all || kind == Kind.workloads) {
            first = section(out, "Workloads", "workload", reg.workloads(), first);
        }
        if (all || kind == Kind.scenarios) {
            if (!first) {
                out.println();
            }
            out.println("Built-in scenarios (use as builtin:NAME)");
            List<String> names = ScenarioSource.builtins();
            if (names.isEmpty()) {
                out.println("  none");
            }
            for (String n : names) {
                out.println("  " + n);
            }
        }
        out.flush();
        return Main.OK;
    }

    private static boolean section(PrintWriter out, String title, String kind, Map<String, ? extends Provider> plugins,
                                   boolean first) {
        if (!first) {
            out.println();
        }
        out.println(title + " (" + plugins.size() + ")");
        if (plugins.isEmpty()) {
            out.println("  none installed (add plugin jars with --plugin-path DIR)");
        }
        for (Provider p : plugins.values()) {
            out.println();
            out.println("  " + p.id() + ": " + p.description());
            out.println("    jar:          " + PluginRegistry.source(p));
            out.println("    capabilities: " + capabilities(p));
            String prefix = kind.equals("scheduler") ? p.id() + ".NAME or scheduler.NAME"
                    : kind.equals("platform") ? "platform.NAME" : "domain.D.workload.NAME";
            params(out, "parameters (--set " + prefix + ")", p.parameters());
            if (p instanceof SchedulerProvider sp) {
                params(out, "per-domain parameters (--set domain.D.NAME)", sp.domainParameters());
                params(out, "per-VCPU parameters (--set domain.D.vcpu.N.NAME)", sp.vcpuParameters());
            }
        }
        return false;
    }

    /**
     * What the plugin declares, those it has with its default parameters first, then those it
     * has only with some parameters ({@code Provider.capabilities(Parameters)}: RTDS is work
     * conserving only if every VCPU has extratime, phases issue I/O only with an I/O phase).
     */
    static String capabilities(Provider p) {
        TreeSet<String> all = names(p.capabilities());
        TreeSet<String> always = all;
        try {
            Set<Capability> withDefaults = p.capabilities(io.github.vsched.api.Parameters.resolve("list " + p.id(),
                    p.parameters(), Map.of(), 0));
            always = names(withDefaults);
            always.retainAll(all);
        } catch (RuntimeException e) {
            // defaults that cannot be resolved alone (a required value): list everything as declared
        }
        TreeSet<String> some = new TreeSet<>(all);
        some.removeAll(always);
        String shown = always.isEmpty() ? "none" : String.join(", ", always);
        return some.isEmpty() ? shown : shown + "; with some parameters: " + String.join(", ", some);
    }

    private static TreeSet<String> names(Set<Capability> capabilities) {
        TreeSet<String> n = new TreeSet<>();
        for (Capability c : capabilities) {
            n.add(c.name().toLowerCase(Locale.ROOT));
        }
        return n;
    }

    private static void params(PrintWriter out, String title, List<ParameterSpec> specs) {
        if (specs.isEmpty()) {
            out.println("    " + title + ": none");
            return;
        }
        out.println("    " + title + ":");
        TextTable t = new TextTable(List.of("name", "type", "unit", "default", "allowed"));
        for (ParameterSpec s : specs) {
            t.add(new ArrayList<>(List.of(s.name(), s.type().name().toLowerCase(Locale.ROOT), s.unit(),
                    s.shownDefault(), s.range())));
        }
        String[] lines = t.render().split("\n");
        out.println("      " + lines[0]);
        for (int i = 2; i < lines.length; i++) {
            out.println("      " + lines[i]);
            for (String d : wrap(specs.get(i - 2).description(), 92)) {
                out.println("          " + d);
            }
        }
    }

    /** Splits text into lines of at most {@code width} characters at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
