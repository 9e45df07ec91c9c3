package dev.agentd.bench.servers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor under agentd's HTTP figures: the same Jetty 12 that Javalin runs, on the same loopback
 * host with virtual threads, answering 200 with a tiny fixed body — a create-like JSON to POST, an
 * event-stream-like body to GET — after reading the request's body. {@code java … RawJetty PORT}.
 */
public final class RawJetty {
    private static final byte[] CREATED =
            "{\"success\":true,\"data\":{\"id\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"pending\"}}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM =
            "event: done\ndata: {\"finalResponse\":\"2+2 equals 4.\"}\nid: 1\n\n".getBytes(StandardCharsets.UTF_8);

    private RawJetty() {}

    public static void main(String[] args) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                boolean post = request.getMethod().equals("POST");
                Content.Source.consumeAll(
                        request,
                        Callback.from(
                                () -> {
                                    response.setStatus(post ? 201 : 200);
                                    response.getHeaders()
                                            .put(
                                                    HttpHeader.CONTENT_TYPE,
                                                    post ? "application/json" : "text/event-stream; charset=utf-8");
                                    response.write(true, ByteBuffer.wrap(post ? CREATED : STREAM), callback);
                                },
                                callback::failed));
                return true;
            }
        });
        server.start();
        System.out.println("listening on http://127.0.0.1:" + connector.getLocalPort());
        server.join();
    }
}
