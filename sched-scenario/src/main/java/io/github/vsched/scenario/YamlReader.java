package io.github.vsched.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree that remembers where every key and
 * value is, built from Jackson's token stream (which carries token locations). Duplicate keys,
 * aliases and extra documents are errors, as is malformed YAML, each reported with its line
 * and column.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** Deepest nesting of lists and mappings read (the parser's own limit). */
    static final int MAX_DEPTH = com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH;

    private final String source;
    private final YAMLParser parser;

    private YamlReader(String source, YAMLParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /**
     * Parses {@code text}.
     *
     * @param source the file name shown in messages
     * @throws ScenarioException for malformed YAML or an empty document
     */
    public static YamlNode read(String source, String text) {
        try (YAMLParser p = FACTORY.createParser(new StringReader(text))) {
            YamlReader r = new YamlReader(source, p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioException(new Problem(Origin.file(source, 1, 1), null,
                        "the scenario is empty; it needs at least 'platform', 'scheduler', 'duration' and 'domains'"));
            }
            YamlNode root;
            try {
                root = r.node(first);
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
                // in our words, where the limit was passed; not the parser's setting names
                JsonLocation l = p.currentLocation();
                throw new ScenarioException(new Problem(Origin.file(source, Math.max(1, l.getLineNr()),
                        Math.max(1, l.getColumnNr())), null, "lists and mappings are nested too deeply here; allowed:"
                        + " at most " + MAX_DEPTH + " levels"));
            }
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new ScenarioException(new Problem(r.here(), null,
                        "a second YAML document starts here; a scenario file holds exactly one"));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(source, text, e);
        } catch (IOException e) {
            throw new ScenarioException(new Problem(Origin.file(source, 1, 1), null, "cannot read: " + e.getMessage()));
        }
    }

    private Origin here() {
        JsonLocation l = parser.currentTokenLocation();
        return Origin.file(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private YamlNode node(JsonToken t) throws IOException {
        Origin at = here();
        if (parser.isCurrentAlias()) {
            throw new ScenarioException(new Problem(at, null,
                    "YAML aliases (*" + parser.getText() + ") are not supported in scenarios; write the value out"));
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                JsonToken k;
                while ((k = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Origin keyAt = here();
                    YamlNode value = node(parser.nextToken());
                    YamlNode.Entry previous = entries.put(key, new YamlNode.Entry(key, keyAt, value));
                    if (previous != null) {
                        throw new ScenarioException(new Problem(keyAt, key,
                                "duplicate key; it is already set at line " + previous.keyOrigin().line()
                                        + ", column " + previous.keyOrigin().column()));
                    }
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new ScenarioException(new Problem(here(), null, "unexpected " + k + " in a mapping"));
                }
                return new YamlNode.Mapping(entries, at);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                JsonToken i;
                while ((i = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (i == null) {
                        throw new ScenarioException(new Problem(here(), null, "the list is not closed"));
                    }
                    items.add(node(i));
                }
                return new YamlNode.Sequence(items, at);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_EMBEDDED_OBJECT ->
                    {
                        return new YamlNode.Scalar(parser.getText(), null, false, at);
                    }
            case VALUE_TRUE -> {
                return new YamlNode.Scalar(parser.getText(), Boolean.TRUE, false, at);
            }
            case VALUE_FALSE -> {
                return new YamlNode.Scalar(parser.getText(), Boolean.FALSE, false, at);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(parser.getText() == null ? "" : parser.getText(), null, true, at);
            }
            default -> throw new ScenarioException(new Problem(at, null, "unexpected YAML token " + t));
        }
    }

    /**
     * Turns a parse error into a problem at its line and column, in snakeyaml's words where
     * they are about the text, in ours where they would name the parser's own classes.
     */
    private static ScenarioException malformed(String source, String text, JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ReaderException r) {
                // a character YAML does not allow (a NUL, another control character): where it is
                int[] at = lineAndColumn(text, r.getPosition());
                return new ScenarioException(new Problem(Origin.file(source, at[0], at[1]), null, "malformed YAML:"
                        + " the character " + String.format("U+%04X", r.getCodePoint()) + " is not allowed in YAML"
                        + " text (control characters other than tab, line feed and carriage return are not)"));
            }
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark pm = m.getProblemMark();
                StringBuilder msg = new StringBuilder("malformed YAML: ");
                if (m.getContext() != null) {
                    msg.append(m.getContext());
                    Mark cm = m.getContextMark();
                    if (cm != null) {
                        msg.append(" (line ").append(cm.getLine() + 1).append(", column ").append(cm.getColumn() + 1)
                                .append(")");
                    }
                    msg.append(": ");
                }
                msg.append(m.getProblem());
                return new ScenarioException(new Problem(Origin.file(source, pm.getLine() + 1, pm.getColumn() + 1),
                        null, msg.toString().replace('\n', ' ')));
            }
        }
        JsonLocation l = e.getLocation();
        Origin at = l == null ? Origin.file(source, 1, 1)
                : Origin.file(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Expected a field name")) {
            // a complex key (? [a, b] or {a: 1}: x): Jackson names snakeyaml's event classes
            return new ScenarioException(new Problem(at, null, "malformed YAML: a key must be a single value (a"
                    + " name), not a list or a mapping"));
        }
        m = m.lines().findFirst().orElse("");
        if (m.isBlank() || m.contains("org.yaml.") || m.contains("com.fasterxml.")) {
            // never the parser's internals: where, and that the text is not YAML a scenario can hold
            m = "this is not YAML a scenario can hold (a mapping of keys to values and lists)";
        }
        return new ScenarioException(new Problem(at, null, "malformed YAML: " + m));
    }

    /** The 1-based line and column of the code point at {@code position} of {@code text}. */
    static int[] lineAndColumn(String text, int position) {
        int line = 1;
        int column = 1;
        int i = 0;
        for (int n = 0; n < position && i < text.length(); n++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
