package io.github.vsched.cli.exec;

import io.github.vsched.cli.UserInputException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader for {@code --plugin-path}: the jars found in the given folders (or given
 * directly), in name order, on top of the command line's own class path, so plugins see the
 * SPI and {@link java.util.ServiceLoader} finds their providers.
 *
 * @param loader   the loader to pass to {@code Simulations.factory}
 * @param jars     the plugin jars found
 * @param warnings things to tell the user (a folder without jars)
 */
public record PluginPath(ClassLoader loader, List<Path> jars, List<String> warnings) {

    /** Copies the lists. */
    public PluginPath {
        jars = List.copyOf(jars);
        warnings = List.copyOf(warnings);
    }

    /**
     * Builds the loader.
     *
     * @param entries folders of jars, or jar files
     * @throws UserInputException if an entry does not exist or is neither a folder nor a jar, or
     *                            a jar cannot be opened as one
     */
    public static PluginPath of(List<Path> entries) {
        ClassLoader parent = PluginPath.class.getClassLoader();
        List<Path> jars = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path e : entries) {
            if (Files.isDirectory(e)) {
                List<Path> found = new ArrayList<>();
                try (Stream<Path> s = Files.list(e)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                            .sorted().forEach(found::add);
                } catch (IOException x) {
                    throw new UserInputException("--plugin-path '" + e + "': cannot list the folder: " + x.getMessage(), x);
                }
                if (found.isEmpty()) {
                    warnings.add("--plugin-path '" + e + "' holds no .jar files");
                }
                jars.addAll(found);
            } else if (Files.isRegularFile(e) && e.getFileName().toString().endsWith(".jar")) {
                jars.add(e);
            } else if (Files.exists(e)) {
                throw new UserInputException("--plugin-path '" + e + "': expected a folder of plugin jars or a .jar file");
            } else {
                throw new UserInputException("--plugin-path '" + e + "': no such folder");
            }
        }
        if (jars.isEmpty()) {
            return new PluginPath(parent, jars, warnings);
        }
        jars.forEach(PluginPath::checkReadable);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException x) {
                throw new UserInputException("--plugin-path: bad jar path '" + jars.get(i) + "'", x);
            }
        }
        return new PluginPath(new URLClassLoader("vsched-plugins", urls, parent), jars, warnings);
    }

    /**
     * A jar the class loader cannot open would be skipped without a word, and its plugins
     * would be missing: open each one first.
     */
    private static void checkReadable(Path jar) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            if (z.size() == 0) {
                throw new java.util.zip.ZipException("it holds no files");
            }
        } catch (IOException x) {
            throw new UserInputException("--plugin-path: '" + jar + "' is not a readable jar ("
                    + (x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage()) + ")", x);
        }
    }
}
