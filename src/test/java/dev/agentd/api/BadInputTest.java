package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken input is a 4xx with the envelope, never a 500, and leaves nothing behind. */
class BadInputTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_MAX_MESSAGE_SIZE", "1MB"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int tasks() {
        return server.get("/api/v1/tasks").json().get("pagination").get("total").asInt();
    }

    private static void assertRefused(TestServer.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.errorCode(), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("at org."), r.body());
    }

    /** Sends raw bytes and returns the response's status line and body. */
    private static String[] raw(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String status = response.substring(0, response.indexOf("\r\n"));
            return new String[] {status, response.substring(response.indexOf("\r\n\r\n") + 4)};
        }
    }

    private static byte[] post(String contentType, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST /api/v1/tasks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestServer.KEY
                        + "\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void aFileNameLongerThanTheFileSystemAllowsIsRefused() {
        int before = tasks();
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", "hi")
                .addFormDataPart(
                        "files", "a".repeat(300) + ".txt", RequestBody.create("x", MediaType.get("text/plain")))
                .build();
        TestServer.Reply r =
                server.call(server.request("/api/v1/tasks").post(body).build());
        assertRefused(r, 400, "VALIDATION_ERROR");
        assertTrue(r.json().get("error").get("message").asText().contains("255 bytes"), r.body());
        assertEquals(before, tasks());
    }

    @Test
    void aChunkedBodyWithABrokenChunkSizeIsAClientError() throws IOException {
        int before = tasks();
        String[] r = raw(post(
                "application/json",
                "Transfer-Encoding: chunked\r\n",
                "ZZ\r\n{\"message\":\"hi\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(r[0].contains(" 400 "), r[0] + "\n" + r[1]);
        JsonNode body = new ObjectMapper().readTree(r[1]);
        assertEquals("VALIDATION_ERROR", body.path("error").path("code").asText(), r[1]);
        assertEquals(before, tasks());
    }

    @Test
    void trailingDataOrASecondDocumentAfterTheJsonIsRefused() {
        int before = tasks();
        assertRefused(server.postJson("/api/v1/tasks", "{\"message\":\"hi\"} trailing"), 400, "VALIDATION_ERROR");
        assertRefused(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\"}{\"message\":\"again\"}"),
                400,
                "VALIDATION_ERROR");
        assertRefused(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\",\"message\":\"twice\"}"),
                400,
                "VALIDATION_ERROR");
        assertEquals(before, tasks());
    }

    @Test
    void overlongAndOutOfRangeUtf8IsRefusedNotStored() throws IOException {
        int before = tasks();
        byte[][] bodies = {
            // "a" C0 AF "b": an overlong '/'
            {'{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'},
            // F4 90 80 80: beyond U+10FFFF
            {
                '{',
                '"',
                'm',
                'e',
                's',
                's',
                'a',
                'g',
                'e',
                '"',
                ':',
                '"',
                (byte) 0xF4,
                (byte) 0x90,
                (byte) 0x80,
                (byte) 0x80,
                '"',
                '}'
            },
            // ED A0 80: a UTF-16 surrogate written as UTF-8
            {'{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
            },
        };
        for (byte[] body : bodies) {
            String[] r = raw(post("application/json", "Content-Length: " + body.length + "\r\n", body));
            assertTrue(r[0].contains(" 400 "), r[0] + " " + r[1]);
            assertTrue(r[1].contains("UTF-8"), r[1]);
        }
        byte[] form = "message=a%C0%AFb".getBytes(StandardCharsets.US_ASCII);
        String[] f = raw(post("application/x-www-form-urlencoded", "Content-Length: " + form.length + "\r\n", form));
        assertTrue(f[0].contains(" 400 ") && f[1].contains("UTF-8"), f[0] + " " + f[1]);
        assertEquals(before, tasks());
    }

    @Test
    void aMessageLargerThanTheLimitIs413AndStoresNothing() {
        int before = tasks();
        String big = "x".repeat(1024 * 1024 + 1);
        assertRefused(
                server.postJson("/api/v1/tasks", TestServer.jsonOf(Map.of("message", big))), 413, "PAYLOAD_TOO_LARGE");
        assertRefused(
                server.postJson("/api/v1/tasks", TestServer.jsonOf(Map.of("message", "hi", "systemPrompt", big))),
                413,
                "PAYLOAD_TOO_LARGE");
        String ten = "y".repeat(10 * 1024 * 1024);
        TestServer.Reply r = server.postJson("/api/v1/tasks", TestServer.jsonOf(Map.of("message", ten)));
        assertRefused(r, 413, "PAYLOAD_TOO_LARGE");
        assertTrue(r.json().get("error").get("message").asText().contains("AGENTD_MAX_MESSAGE_SIZE"), r.body());
        assertEquals(before, tasks());
        String id = server.newTask("What is 1+1?");
        server.awaitFinished(id);
        assertRefused(
                server.postJson("/api/v1/tasks/" + id + "/messages", TestServer.jsonOf(Map.of("message", big))),
                413,
                "PAYLOAD_TOO_LARGE");
        assertEquals(
                2,
                server.get("/api/v1/tasks/" + id + "/history")
                        .data()
                        .get("messages")
                        .size());
    }

    @Test
    void aNulInAVariableIsRefused() {
        assertRefused(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\",\"env\":{\"A\":\"x\\u0000y\"}}"),
                400,
                "INVALID_ENV");
    }
}
