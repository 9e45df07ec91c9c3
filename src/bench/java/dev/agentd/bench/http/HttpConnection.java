package dev.agentd.bench.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal blocking HTTP/1.1 client connection (one request at a time, kept alive), written for
 * the load driver: on two cores the driver shares the CPU with the server, so it does as little
 * per request as it can and allocates no thread of its own; callers run it on virtual threads.
 */
public final class HttpConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final int bufferSize;
    private Socket socket;
    private HttpInput in;
    private OutputStream out;
    private Response open;
    private long deadline = Long.MAX_VALUE;

    public HttpConnection(String host, int port, int bufferSize) {
        this.host = host;
        this.port = port;
        this.bufferSize = bufferSize;
    }

    public HttpConnection(String host, int port) {
        this(host, port, 8192);
    }

    /**
     * After {@code nanoTime}, every read fails with a timeout: a load loop ends by itself even when a
     * server keeps a response open (heartbeats would otherwise keep the socket alive forever).
     */
    public void deadline(long nanoTime) {
        this.deadline = nanoTime;
    }

    /** Writes a request body; {@code length} bytes exactly. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Sends one request and reads the status line and headers; the body is left to the caller, who
     * must read it to its end (or close this connection) before the next request.
     */
    public Response send(String method, String path, Map<String, String> headers, long length, Body body)
            throws IOException {
        if (open != null) {
            boolean reusable = open.keepAlive() && open.drain();
            open = null;
            if (!reusable) disconnect();
        }
        if (socket == null) connect();
        StringBuilder head = new StringBuilder(256);
        head.append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) head.append("Content-Length: ").append(length).append("\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) body.writeTo(out);
        out.flush();
        open = readHead();
        return open;
    }

    public Response send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        return send(method, path, headers, body == null ? 0 : body.length, body == null ? null : o -> o.write(body));
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(120_000);
        in = new HttpInput(new DeadlineInput(socket, () -> deadline), bufferSize);
        out = new BufferedOutputStream(socket.getOutputStream(), bufferSize);
    }

    private Response readHead() throws IOException {
        String status = in.line();
        if (status == null) throw new IOException("connection closed before a response");
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String h = in.line(); h != null && !h.isEmpty(); h = in.line()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        InputStream body;
        if (chunked) {
            body = new ChunkedInput(in);
        } else if (length >= 0 || code == 204 || code == 304) {
            body = new FixedInput(in, Math.max(length, 0));
        } else {
            body = new FixedInput(in, -1);
            close = true;
        }
        return new Response(code, body, !close);
    }

    /** Closes the socket; the next request opens a new one. */
    public void disconnect() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
        open = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
