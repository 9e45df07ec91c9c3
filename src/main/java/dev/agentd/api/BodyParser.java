package dev.agentd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.config.Sizes;
import dev.agentd.errors.ApiException;
import dev.agentd.workspace.Upload;
import io.javalin.http.Context;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body into {@link Body}: by its content type, strictly. Malformed UTF-8 (overlong
 * or out-of-range sequences, lone surrogates), trailing data after a JSON document, a second
 * document, duplicate JSON keys and a body cut short are client errors, never stored.
 */
final class BodyParser {
    private final ObjectMapper json;
    private final int maxFiles;
    private final long maxFileSize;
    private final long maxField;

    /**
     * {@code maxField}: the longest text field, in bytes (beyond it the request is too large); the
     * multipart parser itself enforces {@code maxFileSize} and {@link #maxMultipart}.
     */
    BodyParser(ObjectMapper json, int maxFiles, long maxFileSize, long maxField) {
        this.json = json;
        this.maxFiles = maxFiles;
        this.maxFileSize = maxFileSize;
        this.maxField = maxField;
    }

    /** The largest multipart body: every file at its limit, and a megabyte for the fields. */
    long maxMultipart() {
        return (maxFiles + 1) * maxFileSize + (1 << 20);
    }

    Body read(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) return multipart(ctx);
        if (type.startsWith("application/x-www-form-urlencoded")) return form(bytes(ctx));
        if (type.startsWith("application/json")) return json(bytes(ctx));
        throw new ApiException(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type must be application/json, application/x-www-form-urlencoded or multipart/form-data");
    }

    private Body json(byte[] bytes) {
        if (bytes.length == 0) throw ApiException.validation("Request body is empty; send a JSON object");
        JsonNode node;
        try {
            node = json.readTree(utf8(bytes, "The JSON body"));
        } catch (JsonProcessingException e) {
            throw ApiException.validation("Malformed JSON body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw ApiException.validation("Request body must be a JSON object");
        return new Body.Json(node);
    }

    /** {@code a=1&b=two+words}: percent-decoded to bytes, then strict UTF-8. */
    private Body form(byte[] bytes) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = percentDecoded(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecoded(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return new Body.Form("form", fields, List.of());
    }

    private static String percentDecoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) throw ApiException.validation("Malformed form body: a '%' ends early");
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0)
                    throw ApiException.validation("Malformed form body: '" + text.substring(i, i + 3) + "'");
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return utf8(out.toByteArray(), "A form field");
    }

    private Body multipart(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxMultipart()) throw tooManyOrTooLarge();
        Map<String, String> fields = new LinkedHashMap<>();
        List<Upload> files = new ArrayList<>();
        try {
            ctx.formParamMap(); // lets Javalin give the request its multipart configuration first
            for (Part p : ctx.req().getParts()) {
                if (p.getSubmittedFileName() != null) {
                    if (p.getName().equals("files")) {
                        files.add(new Upload(p.getSubmittedFileName(), target -> p.write(target.toString())));
                    }
                } else if (!fields.containsKey(p.getName())) {
                    fields.put(p.getName(), field(p));
                }
            }
        } catch (IOException e) {
            throw unreadable();
        } catch (ServletException e) {
            throw overLimit(e, length);
        }
        if (files.size() > maxFiles) {
            throw ApiException.tooLarge("At most " + maxFiles + " files per request (AGENTD_MAX_FILES)");
        }
        return new Body.Form("multipart", fields, files);
    }

    /**
     * The parser reports its limits as an {@link IllegalStateException} under the servlet's; with a
     * known length the body fits in the request limit, so it was a file that did not fit.
     */
    private RuntimeException overLimit(ServletException e, long length) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) return api;
            if (t instanceof IllegalStateException) {
                return length >= 0
                        ? ApiException.tooLarge(
                                "Each file may be at most " + Sizes.human(maxFileSize) + " (AGENTD_MAX_FILE_SIZE)")
                        : tooManyOrTooLarge();
            }
        }
        return new IllegalStateException("multipart body not parsed", e);
    }

    private ApiException tooManyOrTooLarge() {
        return ApiException.tooLarge("The request exceeds " + maxFiles + " files of at most " + Sizes.human(maxFileSize)
                + " each (AGENTD_MAX_FILES, AGENTD_MAX_FILE_SIZE)");
    }

    private String field(Part p) throws IOException {
        try (InputStream in = p.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxField + 1));
            if (bytes.length > maxField)
                throw ApiException.tooLarge(p.getName() + " is larger than " + maxField + " bytes");
            return utf8(bytes, "The field " + p.getName());
        }
    }

    /** The whole body; a body that ends early or has a broken chunk is a client error. */
    private static byte[] bytes(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) { // Javalin's Kotlin lets the servlet's IOException through undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IOException) throw unreadable();
            }
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        }
    }

    private static ApiException unreadable() {
        return ApiException.validation("The request body could not be read: it ended early or is not framed correctly");
    }

    /** {@code bytes} as strict UTF-8. */
    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.validation(what + " is not valid UTF-8");
        }
    }
}
