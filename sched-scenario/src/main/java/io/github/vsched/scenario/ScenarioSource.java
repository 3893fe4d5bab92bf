package io.github.vsched.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where scenario text comes from: a file, or a scenario bundled in this module's jar
 * ({@code builtin:NAME}, the examples of the repository's {@code scenarios/} folder).
 * {@link Scenarios} is the short way in; this class also names and lists the built-ins.
 */
public final class ScenarioSource {
    /** Prefix of bundled scenarios. */
    public static final String BUILTIN = "builtin:";
    /** Largest scenario file read, in bytes (1 MiB); the shipped scenarios are a few KiB. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    private static final String RESOURCES = "/io/github/vsched/scenario/builtin/";

    private ScenarioSource() {
    }

    /**
     * Reads and structurally checks a scenario.
     *
     * @param ref a file path or {@code builtin:NAME}
     * @throws ScenarioInputException if the file is missing or unreadable, or there is no such built-in
     * @throws ScenarioException  if it is not a well-formed scenario
     */
    public static ScenarioDocument load(String ref) {
        return DocumentReader.read(displayName(ref), text(ref));
    }

    /** The scenario's name in messages: the path as given, or {@code builtin:NAME.yaml}. */
    public static String displayName(String ref) {
        return ref.startsWith(BUILTIN) ? BUILTIN + stripYaml(ref.substring(BUILTIN.length())) + ".yaml" : ref;
    }

    /** The text of a scenario. */
    public static String text(String ref) {
        if (ref.startsWith(BUILTIN)) {
            String name = stripYaml(ref.substring(BUILTIN.length()));
            try (InputStream in = ScenarioSource.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
                if (in == null) {
                    throw new ScenarioInputException("no built-in scenario '" + name + "'; built-in scenarios: "
                            + String.join(", ", builtins()));
                }
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw tooLarge(ref);
                }
                return decode(bytes, ref);
            } catch (IOException e) {
                throw new ScenarioInputException("cannot read built-in scenario '" + name + "': " + e.getMessage(), e);
            }
        }
        return fileText(Path.of(ref), ref);
    }

    /**
     * Reads and structurally checks a scenario file; messages name it as {@code file} is written.
     *
     * @throws ScenarioInputException if the file is missing or unreadable
     * @throws ScenarioException      if it is not a well-formed scenario
     */
    public static ScenarioDocument load(Path file) {
        String ref = file.toString();
        return DocumentReader.read(ref, fileText(file, ref));
    }

    private static String fileText(Path p, String ref) {
        if (Files.isDirectory(p)) {
            throw new ScenarioInputException("scenario '" + ref + "' is a folder; expected a YAML file");
        }
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            // a device, a pipe or a socket may never end (/dev/zero): refuse it before reading
            throw new ScenarioInputException("scenario '" + ref + "' is not a regular file (a device, pipe or"
                    + " socket); expected a YAML file");
        }
        try (InputStream in = Files.newInputStream(p)) {
            // the size is checked while reading too: the file may grow after it was looked at
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge(ref);
            }
            return decode(bytes, ref);
        } catch (NoSuchFileException e) {
            throw new ScenarioInputException("scenario file '" + ref + "' not found" + builtinHint(ref));
        } catch (IOException e) {
            throw new ScenarioInputException("cannot read scenario file '" + ref + "': " + e.getMessage(), e);
        }
    }

    private static ScenarioInputException tooLarge(String ref) {
        return new ScenarioInputException("scenario '" + ref + "' is larger than " + MAX_FILE_BYTES / 1024
                + " KiB, the largest scenario file read");
    }

    /** The names of the bundled scenarios, sorted. */
    public static List<String> builtins() {
        List<String> out = new ArrayList<>();
        try {
            java.security.CodeSource cs = ScenarioSource.class.getProtectionDomain().getCodeSource();
            if (cs == null) {
                return out;
            }
            Path where = Path.of(cs.getLocation().toURI());
            String dir = RESOURCES.substring(1);
            if (Files.isDirectory(where)) {
                Path d = where.resolve(dir);
                if (Files.isDirectory(d)) {
                    try (java.util.stream.Stream<Path> files = Files.list(d)) {
                        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                                .forEach(f -> out.add(stripYaml(f)));
                    }
                }
            } else {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(where.toFile())) {
                    zip.stream().map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.startsWith(dir) && n.endsWith(".yaml") && n.indexOf('/', dir.length()) < 0)
                            .forEach(n -> out.add(stripYaml(n.substring(dir.length()))));
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new ScenarioInputException("cannot list built-in scenarios: " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static String builtinHint(String ref) {
        String base = stripYaml(Path.of(ref).getFileName() == null ? ref : Path.of(ref).getFileName().toString());
        return builtins().contains(base) ? " (a built-in scenario of that name exists: builtin:" + base + ")" : "";
    }

    private static String stripYaml(String s) {
        return s.replaceFirst("\\.ya?ml$", "");
    }

    private static String decode(byte[] bytes, String ref) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            // where the first bad byte is, as line and column of the text before it
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new ScenarioInputException(displayName(ref) + ":" + line + ":" + column + ": scenario '" + ref
                    + "' is not UTF-8 text (byte 0x" + String.format("%02x", bytes[in.position()] & 0xff) + ")");
        }
        return out.flip().toString();
    }
}
