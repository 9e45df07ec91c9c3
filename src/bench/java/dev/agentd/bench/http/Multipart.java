package dev.agentd.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A multipart/form-data body of one {@code message} field and one file, streamed from disk. */
final class Multipart {
    private static final String BOUNDARY = "agentd-bench-7d0f1c2b9e";

    private final byte[] head;
    private final byte[] tail;
    private final Path file;
    private final long fileSize;

    Multipart(String message, Path file, String fileName) throws IOException {
        this.file = file;
        this.fileSize = Files.size(file);
        this.head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n" + message
                        + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                        + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    long length() {
        return head.length + fileSize + tail.length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(head);
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
        out.write(tail);
    }
}
