package io.github.vsched.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A work folder with the test plugin jar in {@code plugins/} and the test scenarios. */
final class ItFixture {
    final Path dir;
    final Path plugins;
    final Path pluginJar;
    final Path scenario;

    ItFixture(Path dir) throws IOException {
        this.dir = dir;
        this.plugins = dir.resolve("plugins");
        this.pluginJar = PluginJar.build(plugins.resolve("vsched-test-plugins.jar"));
        Path classes = Path.of(System.getProperty("vsched.testClasses", "target/test-classes"));
        this.scenario = Files.copy(classes.resolve("scenarios/two-pcpus.yaml"), dir.resolve("two-pcpus.yaml"));
        Files.copy(classes.resolve("scenarios/known-schedule.yaml"), dir.resolve("known-schedule.yaml"));
    }

    /** Runs the jar in the work folder with {@code --plugin-path plugins} appended. */
    CliProcess run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--plugin-path";
        all[args.length + 1] = plugins.toString();
        return CliProcess.run(dir, all);
    }

    /** Writes a scenario file into the work folder. */
    Path scenario(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }
}
