package io.github.vsched.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the file a plugin parameter of type file ({@link io.github.vsched.api.ParameterType#FILE})
 * names is read from, and whether the scenario may name it. Written in a scenario file, the path
 * is relative to that file's folder and must stay inside it, also after following links, unless
 * files outside are allowed ({@link ScenarioResolver#allowingFilesOutside}); a built-in scenario
 * cannot name files; given on the command line, it is the caller's own, relative to the working
 * folder.
 */
final class FileParameterPaths {
    private final List<Problem> problems;
    private final String source;
    private final boolean allowFilesOutside;

    /**
     * @param problems          where refused paths are reported
     * @param source            the scenario's file name, or {@code builtin:NAME}
     * @param allowFilesOutside whether a scenario file may name files outside its folder
     */
    FileParameterPaths(List<Problem> problems, String source, boolean allowFilesOutside) {
        this.problems = problems;
        this.source = source;
        this.allowFilesOutside = allowFilesOutside;
    }

    /**
     * A file parameter's path as the plugin reads it. Null, with a problem added, when it is
     * refused.
     *
     * @param text  the path as written, trimmed
     * @param owner the parameter's owner as messages name it ({@code workload rt-app})
     */
    String filePath(Value v, String text, String owner) {
        if (!v.origin().inFile()) {
            return text;
        }
        if (source.startsWith(ScenarioSource.BUILTIN)) {
            problems.add(v.problem("invalid value " + Problem.quote(text) + " for " + owner + ": a built-in"
                    + " scenario cannot name files; allowed: copy the scenario to a folder with the file"));
            return null;
        }
        Path scenarioFile = Path.of(source);
        Path folder = scenarioFile.toAbsolutePath().normalize().getParent();
        Path given;
        try {
            given = Path.of(text);
        } catch (InvalidPathException e) {
            problems.add(v.problem("invalid value " + Problem.quote(text) + " for " + owner + "; allowed: the"
                    + " path of a file (" + e.getReason() + ")"));
            return null;
        }
        Path resolved = folder.resolve(given).normalize();
        if (!allowFilesOutside && !inside(folder, resolved)) {
            problems.add(v.problem("invalid value " + Problem.quote(text) + " for " + owner + ": the file "
                    + resolved + " is outside the scenario file's folder " + folder + "; allowed: a path"
                    + " relative to that folder that stays inside it (or, if you trust this scenario, "
                    + ScenarioResolver.ALLOW_FILES_OUTSIDE_OPTION + ")"));
            return null;
        }
        Path parent = scenarioFile.getParent();
        return (parent == null ? given.normalize() : parent.resolve(given).normalize()).toString();
    }

    /** Whether {@code file} is inside {@code folder}, by name and, where both exist, after following links. */
    private static boolean inside(Path folder, Path file) {
        if (!file.startsWith(folder)) {
            return false;
        }
        try {
            if (Files.exists(file)) {
                return file.toRealPath().startsWith(folder.toRealPath());
            }
        } catch (IOException e) {
            return true; // unreadable: the plugin reports that when it reads the file
        }
        return true;
    }
}
