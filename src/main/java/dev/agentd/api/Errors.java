package dev.agentd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentd.errors.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become the error envelope. */
final class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    /** {@code console}: the page of the console's routes, or null on a server without one. */
    static void install(RoutesConfig routes, ConsolePage console) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof ApiException.RateLimited limited) {
                ctx.header("Retry-After", String.valueOf(limited.retryAfterSeconds()));
            }
            write(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(
                JsonProcessingException.class,
                (e, ctx) -> write(ctx, 400, "VALIDATION_ERROR", "Malformed JSON body: " + e.getOriginalMessage()));
        routes.exception(
                HttpResponseException.class, (e, ctx) -> fromStatus(ctx, e.getStatus(), e.getMessage(), console));
        routes.exception(Exception.class, (e, ctx) -> unexpected(e, ctx));
        routes.error(404, ctx -> {
            if (ctx.result() == null) noRoute(ctx, console);
        });
        routes.error(405, ctx -> {
            if (ctx.result() == null) methodNotAllowed(ctx);
        });
    }

    private static void fromStatus(Context ctx, int status, String message, ConsolePage console) {
        switch (status) {
            case 404 -> noRoute(ctx, console);
            case 405 -> methodNotAllowed(ctx);
            case 413 -> write(ctx, 413, "PAYLOAD_TOO_LARGE", "Request body too large");
            case 400 -> write(ctx, 400, "VALIDATION_ERROR", message);
            default -> write(ctx, status, "HTTP_ERROR", message);
        }
    }

    /** A request no route takes: the console's page where it is the console's, else a 404 envelope. */
    private static void noRoute(Context ctx, ConsolePage console) {
        if (console != null && ConsolePage.serves(ctx)) console.serve(ctx);
        else write(ctx, 404, "NOT_FOUND", "No route for " + ctx.method() + " " + ctx.path());
    }

    private static void methodNotAllowed(Context ctx) {
        write(ctx, 405, "METHOD_NOT_ALLOWED", "Method " + ctx.method() + " is not allowed on " + ctx.path());
    }

    /** API errors and malformed requests nested in other exceptions keep their answer; anything else is a 500. */
    private static void unexpected(Exception e, Context ctx) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                write(ctx, api.status(), api.code(), api.getMessage());
                return;
            }
            if (t instanceof HttpException bad && bad.getCode() == 400) {
                write(ctx, 400, "VALIDATION_ERROR", "Malformed request: " + bad.getReason());
                return;
            }
        }
        String requestId = RequestIds.of(ctx);
        log.error("request {} {} {} failed", requestId, ctx.method(), ctx.path(), e);
        write(ctx, 500, "INTERNAL_ERROR", "Internal server error (request id " + requestId + ")");
    }

    static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(Envelope.error(code, message));
    }
}
