package dev.agentd.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.errors.ApiException;
import dev.agentd.workspace.Upload;
import java.util.List;
import java.util.Map;

/**
 * The fields of a request body, whatever its content type (task-api.md §3.1, §10): a JSON object, a
 * form ({@code application/x-www-form-urlencoded}) or {@code multipart/form-data}. Every text is
 * strict UTF-8 by the time it gets here.
 */
sealed interface Body permits Body.Json, Body.Form {
    /** The text of {@code field}, or null when absent. */
    String text(String field);

    /** The boolean {@code field}: JSON {@code true}/{@code false}, or the strings {@code "true"}/{@code "false"}. */
    boolean bool(String field, boolean fallback);

    /** Whether {@code field} is present at all. */
    boolean has(String field);

    /** The files of a multipart body; none otherwise. */
    List<Upload> files();

    /** A JSON object body. */
    record Json(JsonNode node) implements Body {
        @Override
        public String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return null;
            if (!v.isTextual()) throw ApiException.validation(field + " must be a string");
            return v.asText();
        }

        @Override
        public boolean bool(String field, boolean fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return fallback;
            if (v.isBoolean()) return v.asBoolean();
            if (v.isTextual()) return Form.parseBool(field, v.asText());
            throw ApiException.validation(field + " must be true or false");
        }

        @Override
        public boolean has(String field) {
            return node.has(field);
        }

        @Override
        public List<Upload> files() {
            return List.of();
        }
    }

    /** A form or multipart body: text fields (first value of each) and, for multipart, files. */
    record Form(String kind, Map<String, String> fields, List<Upload> files) implements Body {
        @Override
        public String text(String field) {
            return fields.get(field);
        }

        @Override
        public boolean bool(String field, boolean fallback) {
            String v = fields.get(field);
            return v == null ? fallback : parseBool(field, v);
        }

        @Override
        public boolean has(String field) {
            return fields.containsKey(field);
        }

        static boolean parseBool(String field, String v) {
            return switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ApiException.validation(field + " must be \"true\" or \"false\"");
            };
        }
    }
}
