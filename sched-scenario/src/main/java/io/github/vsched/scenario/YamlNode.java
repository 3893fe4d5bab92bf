package io.github.vsched.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of a YAML document with the place where it starts. */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** Where the node starts. */
    Origin origin();

    /** How the node is described in messages: {@code a value}, {@code a mapping}, {@code a list}. */
    String describe();

    /**
     * A scalar: a string, number, boolean or null.
     *
     * @param text    the text as written ({@code 2.30ms}, {@code 42}, {@code yes})
     * @param bool    the YAML boolean it denotes ({@code true}, {@code yes}, {@code on} ...), or
     *                null if it is not one
     * @param isNull  whether it is YAML's null ({@code ~}, {@code null} or nothing)
     * @param origin  where it is
     */
    record Scalar(String text, Boolean bool, boolean isNull, Origin origin) implements YamlNode {
        @Override
        public String describe() {
            return isNull ? "nothing (null)" : "a value ('" + text + "')";
        }
    }

    /**
     * A mapping, in document order.
     *
     * @param entries by key
     * @param origin  where it starts
     */
    record Mapping(Map<String, Entry> entries, Origin origin) implements YamlNode {
        /** Keeps the order; read-only. */
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /**
     * One key of a mapping.
     *
     * @param key       the key
     * @param keyOrigin where the key is written
     * @param value     its value
     */
    record Entry(String key, Origin keyOrigin, YamlNode value) {
    }

    /**
     * A list.
     *
     * @param items  in order
     * @param origin where it starts
     */
    record Sequence(List<YamlNode> items, Origin origin) implements YamlNode {
        /** Read-only copy. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
