package dev.agentd.api;

import dev.agentd.domain.Task;
import dev.agentd.errors.ApiException;
import dev.agentd.tasks.TaskService;
import dev.agentd.workspace.Artifacts;
import dev.agentd.workspace.FileTypes;
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.Workspaces;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.io.input.BoundedInputStream;

/** GET …/artifacts and …/artifacts/download (task-api.md §3.8). */
final class ArtifactHandlers {
    private final TaskService service;
    private final Workspaces workspaces;

    ArtifactHandlers(TaskService service, Workspaces workspaces) {
        this.service = service;
        this.workspaces = workspaces;
    }

    void list(Context ctx) {
        Task task = service.find(Auth.caller(ctx), ctx.pathParam("id"));
        ctx.json(Envelope.ok(Map.of("files", Artifacts.list(workspaces.of(task.id())))));
    }

    void download(Context ctx) throws IOException {
        Task task = service.find(Auth.caller(ctx), ctx.pathParam("id"));
        String path = ctx.queryParam("path");
        if (path == null || path.isBlank()) throw ApiException.validation("path is required");
        Workspace.Opened file =
                Artifacts.open(workspaces.of(task.id()), path).orElseThrow(() -> ApiException.notFound("File"));
        String name = file.name();
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        long size = file.size();
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(FileTypes.mimeType(name));
        String rangeHeader = ctx.header("Range");
        Optional<ByteRange> range;
        try {
            range = rangeHeader == null ? Optional.empty() : ByteRange.parse(rangeHeader, size);
        } catch (IllegalArgumentException e) {
            file.channel().close();
            ctx.status(416).header("Content-Range", "bytes */" + size);
            throw new ApiException(
                    416,
                    "RANGE_NOT_SATISFIABLE",
                    "The range " + rangeHeader + " is outside the file's " + size + " bytes");
        }
        InputStream in = Channels.newInputStream(file.channel());
        if (range.isEmpty()) {
            ctx.header("Content-Length", String.valueOf(size)).result(in);
            return;
        }
        ByteRange r = range.get();
        file.channel().position(r.first());
        ctx.status(206)
                .header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size)
                .header("Content-Length", String.valueOf(r.length()))
                .result(BoundedInputStream.builder()
                        .setInputStream(in)
                        .setMaxCount(r.length())
                        .get());
    }
}
