package dev.agentd.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a loopback port: it records every POST and answers with the statuses it is
 * told to, one per request, then 200. It checks signatures as a receiver following Standard
 * Webhooks does.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A POST as received: its webhook headers and its body. */
    public record Received(String id, String timestamp, String signature, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether {@code secret} ({@code whsec_…}) signed it. */
        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(
                        Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                String expected = "v1,"
                        + Base64.getEncoder()
                                .encodeToString(mac.doFinal(
                                        (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return List.of(signature.split(" ")).contains(expected);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                receiver.received.add(new Received(
                        h.getFirst("webhook-id"),
                        h.getFirst("webhook-timestamp"),
                        h.getFirst("webhook-signature"),
                        new String(body, StandardCharsets.UTF_8)));
                int status = receiver.next();
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next requests are answered with {@code codes}, in order. */
    public synchronized void answer(Integer... codes) {
        statuses.addAll(List.of(codes));
    }

    /** From now on every request is answered 200. */
    public synchronized void reset() {
        statuses.clear();
    }

    private synchronized int next() {
        Integer code = statuses.poll();
        return code == null ? 200 : code;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What was received for the task {@code taskId}, in order. */
    public List<Received> of(String taskId) {
        return received.stream()
                .filter(r -> r.json().path("data").path("taskId").asText().equals(taskId))
                .toList();
    }

    /** A new secret: {@code whsec_} and 32 random bytes in base64. */
    public static String secret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public static Map<String, String> env(String secret) {
        return Map.of("AGENTD_WEBHOOK_SECRET", secret, "AGENTD_WEBHOOK_ALLOW_PRIVATE", "true");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
