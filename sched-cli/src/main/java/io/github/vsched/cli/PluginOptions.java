package io.github.vsched.cli;

import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --plugin-path}, accepted by every command. */
public final class PluginOptions {

    /** Folders of plugin jars, or jar files. */
    @Option(names = "--plugin-path", paramLabel = "DIR", split = "${sys:path.separator}",
            description = "Load plugin jars from DIR (a folder of .jar files, or a .jar); repeatable, or several"
                    + " joined by '${sys:path.separator}'. Also read from the VSCHED_PLUGIN_PATH environment variable.")
    List<Path> pluginPath = new ArrayList<>();

    /** The entries given, then those of {@code VSCHED_PLUGIN_PATH}. */
    public List<Path> entries() {
        List<Path> all = new ArrayList<>(pluginPath);
        String env = System.getenv("VSCHED_PLUGIN_PATH");
        if (env != null && !env.isBlank()) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    all.add(Path.of(p));
                }
            }
        }
        return all;
    }
}
