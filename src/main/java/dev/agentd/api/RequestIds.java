package dev.agentd.api;

import dev.agentd.logs.Logs;
import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/** A short id per request, sent as X-Request-Id and written in the log line. */
final class RequestIds {
    private static final String ATTRIBUTE = "agentd.requestId";

    private RequestIds() {}

    static void assign(Context ctx) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        ctx.attribute(ATTRIBUTE, id);
        MDC.put(Logs.REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
