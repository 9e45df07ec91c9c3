package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeUploadIT {
    @TempDir
    Path dir;

    @Test
    void a120MegabyteUploadSucceedsInAServerWithA64MegabyteHeap() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        MultipartBody.Builder body =
                new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart("message", "list files");
        long each = 40L * 1024 * 1024;
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < 3; i++) {
            Path f = dir.resolve("part" + i + ".bin");
            try (OutputStream out = Files.newOutputStream(f)) {
                for (long written = 0; written < each; written += block.length) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            body.addFormDataPart(
                    "files",
                    "part" + i + ".bin",
                    RequestBody.create(f.toFile(), MediaType.get("application/octet-stream")));
        }
        try (JarProcess agentd = JarProcess.start(data, Map.of(), List.of("-Xmx64m"))) {
            ApiClient api = agentd.client();
            ApiClient.Reply r =
                    api.call(api.request("/api/v1/tasks").post(body.build()).build());
            assertEquals(201, r.status(), r.body() + "\n" + agentd.output());
            String id = r.data().get("id").asText();
            for (int i = 0; i < 3; i++) {
                Path stored = data.resolve("workspaces")
                        .resolve(Workspaces.layout(id))
                        .resolve("uploads/part" + i + ".bin");
                assertEquals(each, Files.size(stored));
                assertEquals(
                        -1L,
                        Files.mismatch(stored, dir.resolve("part" + i + ".bin")),
                        "stored bytes are the uploaded ones");
            }
            assertTrue(!agentd.output().contains("OutOfMemoryError"), agentd.output());
        }
    }
}
