package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Uploads of one large file and of one large ZIP of many files, as multipart creates. */
public final class Uploads {
    private Uploads() {}

    /** A file of {@code bytes} random (incompressible) bytes. */
    public static Path randomFile(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    /** A ZIP of {@code files} random files of {@code each} bytes, in 50 folders. */
    public static Path randomZip(Path file, int files, int each) throws IOException {
        Random random = new Random(7);
        byte[] content = new byte[each];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < files; i++) {
                zip.putNextEntry(new ZipEntry("dir" + (i % 50) + "/file" + i + ".bin"));
                random.nextBytes(content);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return file;
    }

    /** Time from the request's first byte to the 201 of a create carrying {@code file}; the task id. */
    public record Timed(String taskId, long nanos) {}

    public static Timed upload(Endpoint endpoint, Path file, String name) throws IOException {
        try (ApiClient client = endpoint.client(Duration.ofMinutes(5))) {
            long t0 = System.nanoTime();
            String id = client.createWithFile("Uploaded " + name, file, name);
            return new Timed(id, System.nanoTime() - t0);
        }
    }
}
