package io.github.vsched.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.vsched.cli.UserInputException;
import io.github.vsched.cli.Version;
import io.github.vsched.cli.result.ResultSet;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code result.json}: writes a {@link ResultSet} and reads it back (for {@code merge}),
 * through the one layout of {@link ResultFile}, published as the JSON Schema
 * {@link #SCHEMA_RESOURCE} and documented in the module README. {@link #SCHEMA_VERSION}
 * changes when a field changes meaning or disappears.
 */
public final class ResultJson {
    /** Version of the file's schema. */
    public static final int SCHEMA_VERSION = 1;

    /** The JSON Schema of the file, a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/io/github/vsched/cli/output/result.schema.json";
    /**
     * Largest {@code result.json} read (1 GiB): a command's results stay below it (at most
     * 1,000,000 VCPU results of under 1 KiB each).
     */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("plain decimals")
                    .addSerializer(Double.class, new PlainDouble()).addSerializer(double.class, new PlainDouble()));

    /** Doubles as plain decimals, as the CSV files write them ({@link Csv#plain}): 0.000793566, not 7.93566E-4. */
    private static final class PlainDouble extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        PlainDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider p)
                throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(Csv.plain(value));
            } else {
                gen.writeNumber(value);
            }
        }
    }

    /** Two spaces per level, an element per line, {@code "name" : value}, as the file has always been laid out. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ResultJson() {
    }

    /** Writes {@code set} as JSON, ending with a line feed. */
    public static void write(ResultSet set, Writer out) throws IOException {
        WRITER.writeValue(out, ResultFile.of(set, SCHEMA_VERSION, "vsched " + Version.get()));
        out.write('\n');
    }

    /**
     * Reads a {@code result.json}.
     *
     * @throws UserInputException if the file is missing, is not a vsched result, or has
     *                            another schema version than this vsched reads
     */
    public static ResultSet read(Path file) {
        JsonNode root;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a device or a pipe may never end (/dev/zero): refused before reading
                throw new UserInputException("result file '" + file + "' is not a regular file (a device, pipe or"
                        + " socket)");
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
                throw new UserInputException("result file '" + file + "' is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB, the largest result.json read");
            }
            // parsed from the file as it is read, so its text is never held whole
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserInputException("result file '" + file + "' not found");
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new UserInputException(file + where(e.getLocation()) + ": not a vsched result.json: it nests"
                    + " lists and objects too deeply, or holds a number or text far longer than a result has");
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new UserInputException(file + where(e.getLocation()) + ": not valid JSON: " + m);
        } catch (IOException e) {
            throw new UserInputException("cannot read result file '" + file + "': " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new UserInputException(file + ": not a vsched result.json: the file is empty");
        }
        JsonNode version = root.path("schemaVersion");
        if (!version.isIntegralNumber()) {
            throw new UserInputException(file + ": not a vsched result.json: "
                    + (version.isMissingNode() ? "missing field 'schemaVersion'" : "schemaVersion is not a number"));
        }
        if (version.asInt() != SCHEMA_VERSION) {
            throw new UserInputException(file + ": result.json of schemaVersion " + version.asInt() + "; this vsched"
                    + " reads schemaVersion " + SCHEMA_VERSION + " (use the vsched that wrote it)");
        }
        try {
            return MAPPER.treeToValue(root, ResultFile.class).toResultSet();
        } catch (JsonMappingException e) {
            throw new UserInputException(file + ": not a vsched result.json: " + where(e) + e.getOriginalMessage(), e);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UserInputException(file + ": not a vsched result.json: " + e.getMessage(), e);
        }
    }

    /** {@code :line:column} of a parse error, or nothing when the parser does not say. */
    private static String where(com.fasterxml.jackson.core.JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    /** The path of the field a mapping error is about ({@code runs[0].vcpus[1]: }), or nothing. */
    private static String where(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() > 0 ? sb + ": " : "";
    }
}
