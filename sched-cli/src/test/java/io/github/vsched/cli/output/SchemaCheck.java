package io.github.vsched.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON document against the parts of JSON Schema that {@code result.schema.json}
 * uses: {@code $ref} to {@code #/$defs/NAME}, {@code type}, {@code const}, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code items}, {@code pattern},
 * {@code minimum} and {@code maximum}. Any other keyword fails the check, so the schema
 * cannot drift beyond what is checked.
 */
final class SchemaCheck {
    private static final List<String> KNOWN = List.of("$schema", "$defs", "$ref", "title", "description", "type",
            "const", "required", "properties", "additionalProperties", "items", "pattern", "minimum", "maximum");

    private final JsonNode root;
    private final List<String> errors = new ArrayList<>();

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** Where {@code doc} breaks {@code schema}: one message per problem, naming the JSON path. */
    static List<String> errors(JsonNode schema, JsonNode doc) {
        SchemaCheck c = new SchemaCheck(schema);
        c.check(schema, doc, "$");
        return c.errors;
    }

    private void check(JsonNode s, JsonNode v, String path) {
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KNOWN.contains(k)) {
                errors.add(path + ": the schema uses '" + k + "', which this check does not know");
            }
        }
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                errors.add(path + ": unsupported $ref " + ref);
                return;
            }
            check(root.get("$defs").get(ref.substring("#/$defs/".length())), v, path);
        }
        if (s.has("type") && !typeMatches(s.get("type"), v)) {
            errors.add(path + ": " + v.getNodeType() + " where the schema wants " + s.get("type"));
            return;
        }
        if (s.has("const") && !s.get("const").equals(v)) {
            errors.add(path + ": " + v + " where the schema wants " + s.get("const"));
        }
        if (s.has("pattern") && !v.asText().matches(s.get("pattern").asText())) {
            errors.add(path + ": '" + v.asText() + "' does not match " + s.get("pattern").asText());
        }
        if (s.has("minimum") && v.isNumber() && v.asDouble() < s.get("minimum").asDouble()) {
            errors.add(path + ": " + v + " is below the minimum " + s.get("minimum"));
        }
        if (s.has("maximum") && v.isNumber() && v.asDouble() > s.get("maximum").asDouble()) {
            errors.add(path + ": " + v + " is above the maximum " + s.get("maximum"));
        }
        if (v.isObject()) {
            for (JsonNode r : s.path("required")) {
                if (!v.has(r.asText())) {
                    errors.add(path + ": missing required field '" + r.asText() + "'");
                }
            }
            for (Map.Entry<String, JsonNode> f : v.properties()) {
                JsonNode fs = s.path("properties").get(f.getKey());
                JsonNode extra = s.get("additionalProperties");
                if (fs != null) {
                    check(fs, f.getValue(), path + "." + f.getKey());
                } else if (extra != null && extra.isObject()) {
                    check(extra, f.getValue(), path + "." + f.getKey());
                } else if (extra != null && !extra.asBoolean()) {
                    errors.add(path + ": field '" + f.getKey() + "' is not in the schema");
                }
            }
        }
        if (v.isArray() && s.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(s.get("items"), v.get(i), path + "[" + i + "]");
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }
}
