package io.github.vsched.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** What every command has: {@code --plugin-path} and access to the {@link Session}. */
abstract class CommandBase implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions pluginOptions;

    /**
     * The session, with the plugin path applied: {@code --plugin-path} given before the
     * command ({@code vsched --plugin-path DIR list}), then after it, then
     * {@code VSCHED_PLUGIN_PATH}.
     */
    Session session() {
        VschedCommand root = (VschedCommand) spec.root().userObject();
        java.util.List<java.nio.file.Path> entries = new java.util.ArrayList<>();
        if (root != this) {
            entries.addAll(root.pluginOptions.pluginPath);
        }
        entries.addAll(pluginOptions.entries());
        Session s = root.session();
        s.pluginPath(entries);
        return s;
    }
}
