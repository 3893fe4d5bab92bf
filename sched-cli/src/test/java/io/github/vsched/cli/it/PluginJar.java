package io.github.vsched.cli.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds a third-party plugin jar from the compiled test plugins: their classes and a
 * {@code META-INF/services} file per extension point, nothing else.
 */
final class PluginJar {
    private static final String PACKAGE = "io/github/vsched/cli/testplugins/";

    private PluginJar() {
    }

    /** Writes the jar to {@code jar}. */
    static Path build(Path jar) throws IOException {
        Path classes = Path.of(System.getProperty("vsched.testClasses", "target/test-classes"));
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
             Stream<Path> files = Files.list(classes.resolve(PACKAGE))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(PACKAGE + f.getFileName()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            service(out, "io.github.vsched.api.PlatformProvider",
                    List.of("io.github.vsched.cli.testplugins.TestSmpPlatformProvider"));
            service(out, "io.github.vsched.api.WorkloadProvider",
                    List.of("io.github.vsched.cli.testplugins.TestPeriodicProvider",
                            "io.github.vsched.cli.testplugins.TestHogProvider"));
        }
        return jar;
    }

    /** Writes a jar whose only plugin is another platform with the id {@code test-smp}. */
    static Path buildTwin(Path jar) throws IOException {
        Path classes = Path.of(System.getProperty("vsched.testClasses", "target/test-classes"));
        String twin = PACKAGE + "twin/TwinPlatformProvider.class";
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry(twin));
            out.write(Files.readAllBytes(classes.resolve(twin)));
            out.closeEntry();
            service(out, "io.github.vsched.api.PlatformProvider",
                    List.of("io.github.vsched.cli.testplugins.twin.TwinPlatformProvider"));
        }
        return jar;
    }

    private static void service(JarOutputStream out, String service, List<String> providers) throws IOException {
        out.putNextEntry(new JarEntry("META-INF/services/" + service));
        out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
