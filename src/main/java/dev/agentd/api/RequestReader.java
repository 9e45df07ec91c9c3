package dev.agentd.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.auth.TokenExchange;
import dev.agentd.config.Config;
import dev.agentd.config.Sizes;
import dev.agentd.domain.ApprovalOutcome;
import dev.agentd.domain.IfBusy;
import dev.agentd.errors.ApiException;
import dev.agentd.tasks.FollowUp;
import dev.agentd.tasks.NewTask;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates create, follow-up and approve bodies (task-api.md §3.1, §3.5, §3.7, §10): the same
 * fields, rules and answers whether they came as JSON, a form or multipart.
 */
final class RequestReader {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final BodyParser parser;
    private final long maxMessage;

    RequestReader(ObjectMapper json, Config config) {
        this.maxMessage = config.maxMessageSize();
        this.parser = new BodyParser(json, config.maxFiles(), config.maxFileSize(), config.maxMessageSize());
    }

    /** The largest multipart body the parser is to accept. */
    long maxMultipart() {
        return parser.maxMultipart();
    }

    NewTask newTask(Context ctx) {
        Body body = withFilesOnlyInMultipart(parser.read(ctx));
        return new NewTask(
                message(body),
                limited(body, "systemPrompt"),
                body.bool("showInHistory", true),
                body.has("autoExecute") ? body.bool("autoExecute", true) : null,
                variables(body, "env"),
                variables(body, "secrets"),
                body.files(),
                body.text("model"),
                body.text("webhookUrl"));
    }

    FollowUp followUp(Context ctx) {
        Body body = withFilesOnlyInMultipart(parser.read(ctx));
        return new FollowUp(
                message(body),
                ifBusy(body.text("ifBusy")),
                variables(body, "secrets"),
                body.files(),
                body.text("model"));
    }

    /** The outcome of an approval: proceed_once, proceed_always or cancel. */
    ApprovalOutcome outcome(Context ctx) {
        ApprovalOutcome outcome = ApprovalOutcome.fromWire(parser.read(ctx).text("outcome"));
        if (outcome == null) throw ApiException.validation("outcome must be proceed_once, proceed_always or cancel");
        return outcome;
    }

    /** The token exchange's JSON body (task-api.md §11). */
    TokenExchange.Request tokenRequest(Context ctx) {
        Body body = parser.read(ctx);
        if (!(body instanceof Body.Json)) throw ApiException.validation("The token request is a JSON body");
        return new TokenExchange.Request(
                body.text("appId"),
                body.text("appSecret"),
                body.text("endUserId"),
                body.text("expiresIn"),
                variables(body, "env"),
                variables(body, "secrets"));
    }

    private static Body withFilesOnlyInMultipart(Body body) {
        if (body.has("files")) throw ApiException.validation("files can only be uploaded with multipart/form-data");
        return body;
    }

    private String message(Body body) {
        String value = limited(body, "message");
        if (value == null) throw ApiException.validation("message is required");
        if (value.isBlank()) throw ApiException.validation("message must not be blank");
        return value;
    }

    /** A text field of at most AGENTD_MAX_MESSAGE_SIZE bytes. */
    private String limited(Body body, String field) {
        String value = body.text(field);
        if (value != null
                && value.length() > maxMessage / 3
                && value.getBytes(StandardCharsets.UTF_8).length > maxMessage) {
            throw ApiException.tooLarge(
                    field + " is larger than " + Sizes.human(maxMessage) + " (AGENTD_MAX_MESSAGE_SIZE)");
        }
        return value;
    }

    private static IfBusy ifBusy(String value) {
        if (value == null) return IfBusy.QUEUE;
        IfBusy ifBusy = IfBusy.fromWire(value);
        if (ifBusy == null) throw ApiException.validation("ifBusy must be queue, reject or interrupt");
        return ifBusy;
    }

    /** {@code env} or {@code secrets}: JSON objects of names to strings; in a form or multipart body, refused. */
    private static Map<String, String> variables(Body body, String field) {
        if (!(body instanceof Body.Json(JsonNode node))) {
            if (body.has(field)) {
                Body.Form form = (Body.Form) body;
                throw ApiException.validation(field + " must be sent in a JSON body, not in "
                        + (form.kind().equals("form") ? "application/x-www-form-urlencoded" : "multipart/form-data"));
            }
            return null;
        }
        JsonNode v = node.get(field);
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
            if (entry.getValue().asText().indexOf('\0') >= 0) {
                throw ApiException.invalidEnv(field + "." + entry.getKey() + " must not contain a NUL character");
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }
}
