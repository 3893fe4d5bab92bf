package io.github.vsched.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which vsched this is, finer than its version: {@code VERSION+DIGEST}, the digest a SHA-256 of
 * the names and bytes of vsched's own class files ({@code io/github/vsched/}) in the jar (or class
 * folder) it runs from. Two builds of one commit with one compiler agree; any change to the code
 * (of the command line, the engine or a bundled plugin) changes it. Sweep shards record it, so
 * {@code merge} refuses shards made by different code.
 */
public final class BuildId {
    private static String cached;

    private BuildId() {
    }

    /** {@code VERSION+DIGEST} (16 hex digits). */
    public static synchronized String get() {
        if (cached == null) {
            cached = Version.get() + "+" + digest();
        }
        return cached;
    }

    private static String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
        try {
            java.security.CodeSource cs = BuildId.class.getProtectionDomain().getCodeSource();
            Path where = cs == null ? null : Path.of(cs.getLocation().toURI());
            if (where != null && Files.isRegularFile(where)) {
                try (JarFile jar = new JarFile(where.toFile())) {
                    List<JarEntry> entries = new ArrayList<>();
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry j = e.nextElement();
                        if (j.getName().startsWith("io/github/vsched/") && j.getName().endsWith(".class")) {
                            entries.add(j);
                        }
                    }
                    entries.sort((a, b) -> a.getName().compareTo(b.getName()));
                    for (JarEntry j : entries) {
                        sha.update(j.getName().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(j)) {
                            sha.update(in.readAllBytes());
                        }
                    }
                }
            } else if (where != null && Files.isDirectory(where)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(where.resolve("io/github/vsched"))) {
                    files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".class")).sorted().toList());
                }
                for (Path f : files) {
                    sha.update(where.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vsched's own code to identify the build: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
