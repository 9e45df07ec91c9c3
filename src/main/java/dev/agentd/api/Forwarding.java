package dev.agentd.api;

import dev.agentd.cluster.Cluster;
import dev.agentd.errors.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Requests about a task that another live node holds are answered by that node: sent on as they came
 * (credentials included), and its answer given back as it is. Streams and artifacts are served by
 * any node (the table and the shared workspaces have them). A request that a node sent on is never
 * sent on again. While the holder does not answer, the request waits until that node is taken for
 * gone and this one takes the task over.
 */
final class Forwarding {
    /** Marks a request that a node sent on; its value names that node. */
    static final String HEADER = "X-Agentd-Forwarded";

    private static final String PREFIX = "/api/v1/tasks/";
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "host",
            "content-length");
    /** Headers of the answer that this node sets itself. */
    private static final Set<String> OWN = Set.of("date", "server", "vary", "x-request-id", "content-length");

    private final Cluster cluster;
    private final Duration patience;
    private final OkHttpClient http;

    /** Waits up to {@code patience} (a node's timeout and a little) for a holder that does not answer. */
    Forwarding(Cluster cluster, Duration patience) {
        this.cluster = cluster;
        this.patience = patience;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(2, TimeUnit.MINUTES)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    void check(Context ctx) throws InterruptedException {
        String taskId = taskOf(ctx.path());
        if (taskId == null) return;
        boolean changes = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
        boolean sentOn = ctx.header(HEADER) != null;
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (!(cluster.holder(taskId, changes) instanceof Cluster.Elsewhere there)) return;
            if (sentOn) {
                // the task moved on while this was sent here; never handled by two nodes, never sent round
                throw ApiException.unavailable("The task moved to another node; send the request again");
            }
            if (!there.url().isEmpty() && forwarded(ctx, there)) {
                ctx.skipRemainingHandlers();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw ApiException.unavailable(
                        "The node that runs this task does not answer; send the request again shortly");
            }
            Thread.sleep(200);
        }
    }

    /** The task a request is about, when it is one that its holder answers; else null. */
    private static String taskOf(String path) {
        if (!path.startsWith(PREFIX)) return null;
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String below = slash < 0 ? "" : rest.substring(slash + 1);
        if (id.isEmpty() || below.startsWith("stream") || below.startsWith("artifacts")) return null;
        return id;
    }

    /** Sends the request to {@code there} and gives its answer back; false when that node cannot be reached. */
    private boolean forwarded(Context ctx, Cluster.Elsewhere there) {
        String query = ctx.queryString();
        Request.Builder request =
                new Request.Builder().url(there.url() + ctx.path() + (query == null ? "" : "?" + query));
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            // the answer comes back uncompressed, and this node compresses it as it does its own
            if (HOP_BY_HOP.contains(lower) || lower.equals("accept-encoding")) continue;
            for (String value : Collections.list(ctx.req().getHeaders(name))) request.addHeader(name, value);
        }
        request.header(HEADER, cluster.nodeId());
        String method = ctx.method().name();
        request.method(method, method.equals("GET") || method.equals("HEAD") ? null : body(ctx));
        try (Response answer = http.newCall(request.build()).execute()) {
            ctx.status(answer.code());
            for (String name : answer.headers().names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (HOP_BY_HOP.contains(lower) || OWN.contains(lower) || lower.startsWith("access-control-")) continue;
                for (String value : answer.headers(name)) ctx.res().addHeader(name, value);
            }
            ctx.result(answer.body().bytes());
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("the node that runs the task failed to answer: " + e.getMessage(), e);
        }
    }

    /** The request's body, streamed as it is read (once: a node that cannot be reached is found before). */
    private static RequestBody body(Context ctx) {
        String type = ctx.header("Content-Type");
        long length = ctx.req().getContentLengthLong();
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type == null ? null : MediaType.parse(type);
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                InputStream in = ctx.req().getInputStream();
                try (Source source = Okio.source(in)) {
                    sink.writeAll(source);
                }
            }
        };
    }
}
