package dev.agentd.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.config.Config;
import dev.agentd.errors.ApiException;
import dev.agentd.tasks.Approvals;
import dev.agentd.tasks.FollowUp;
import dev.agentd.tasks.NewTask;
import dev.agentd.workspace.Upload;
import io.javalin.http.Context;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses and validates create and follow-up bodies, JSON or multipart (task-api.md §3.1, §3.5). */
final class RequestReader {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ObjectMapper json;
    private final Config config;

    RequestReader(ObjectMapper json, Config config) {
        this.json = json;
        this.config = config;
    }

    NewTask newTask(Context ctx) throws IOException {
        if (isMultipart(ctx)) {
            rejectJsonOnlyFields(ctx);
            return new NewTask(message(ctx.formParam("message")), ctx.formParam("systemPrompt"),
                    formBoolean(ctx, "showInHistory", true), formBoolean(ctx, "autoExecute", true), null, null,
                    files(ctx));
        }
        JsonNode body = jsonBody(ctx);
        return new NewTask(message(text(body, "message")), text(body, "systemPrompt"),
                jsonBoolean(body, "showInHistory", true), jsonBoolean(body, "autoExecute", true),
                variables(body, "env"), variables(body, "secrets"), List.of());
    }

    FollowUp followUp(Context ctx) throws IOException {
        if (isMultipart(ctx)) {
            rejectJsonOnlyFields(ctx);
            return new FollowUp(message(ctx.formParam("message")), ifBusy(ctx.formParam("ifBusy")), null, files(ctx));
        }
        JsonNode body = jsonBody(ctx);
        return new FollowUp(message(text(body, "message")), ifBusy(text(body, "ifBusy")),
                variables(body, "secrets"), List.of());
    }

    /** The outcome of an approval: proceed_once, proceed_always or cancel. */
    String outcome(Context ctx) throws IOException {
        if (isMultipart(ctx)) throw ApiException.validation("Send the outcome as a JSON body");
        String outcome = text(jsonBody(ctx), "outcome");
        if (outcome == null || !Approvals.OUTCOMES.contains(outcome)) {
            throw ApiException.validation("outcome must be proceed_once, proceed_always or cancel");
        }
        return outcome;
    }

    private boolean isMultipart(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) return true;
        if (type.startsWith("application/json")) return false;
        throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type must be application/json or multipart/form-data");
    }

    private JsonNode jsonBody(Context ctx) throws IOException {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) throw ApiException.validation("Request body is empty; send a JSON object");
        JsonNode body = json.readTree(bytes);
        if (body == null || !body.isObject()) throw ApiException.validation("Request body must be a JSON object");
        if (body.has("files")) {
            throw ApiException.validation("files can only be uploaded with multipart/form-data");
        }
        return body;
    }

    private void rejectJsonOnlyFields(Context ctx) {
        for (String field : List.of("env", "secrets")) {
            if (ctx.formParam(field) != null) {
                throw ApiException.validation(field + " must be sent in a JSON body, not in multipart/form-data");
            }
        }
    }

    private List<Upload> files(Context ctx) throws IOException {
        List<Part> files;
        try {
            files = ctx.req().getParts().stream()
                    .filter(p -> p.getName().equals("files") && p.getSubmittedFileName() != null).toList();
        } catch (ServletException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (files.size() > config.maxFiles()) {
            throw ApiException.tooLarge("At most " + config.maxFiles() + " files per request (AGENTD_MAX_FILES)");
        }
        // Part.write moves the file the parser spooled instead of copying its bytes once more
        return files.stream().map(p -> new Upload(p.getSubmittedFileName(), target -> p.write(target.toString())))
                .toList();
    }

    private static String message(String value) {
        if (value == null) throw ApiException.validation("message is required");
        if (value.isBlank()) throw ApiException.validation("message must not be blank");
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiException.validation(field + " must be a string");
        return v.asText();
    }

    private static boolean jsonBoolean(JsonNode body, String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw ApiException.validation(field + " must be true or false");
        return v.asBoolean();
    }

    private static boolean formBoolean(Context ctx, String field, boolean fallback) {
        String v = ctx.formParam(field);
        if (v == null) return fallback;
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.validation(field + " must be \"true\" or \"false\"");
        };
    }

    private static String ifBusy(String value) {
        if (value == null) return "queue";
        return switch (value) {
            case "queue", "reject", "interrupt" -> value;
            default -> throw ApiException.validation("ifBusy must be queue, reject or interrupt");
        };
    }

    private static Map<String, String> variables(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw ApiException.invalidEnv(field + " must be an object of names to string values");
        Map<String, String> out = new LinkedHashMap<>();
        for (var entry : v.properties()) {
            if (!ENV_NAME.matcher(entry.getKey()).matches()) {
                throw ApiException.invalidEnv(field + ": '" + entry.getKey() + "' is not a valid variable name "
                        + "(letters, digits and _, not starting with a digit)");
            }
            if (!entry.getValue().isTextual()) {
                throw ApiException.invalidEnv(field + "." + entry.getKey() + " must be a string");
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }
}
