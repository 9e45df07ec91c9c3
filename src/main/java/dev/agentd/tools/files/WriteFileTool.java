package dev.agentd.tools.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.config.Sizes;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import dev.agentd.workspace.Quota;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** write_file: creates parent folders, replaces the file, reports the bytes written. */
public final class WriteFileTool implements Tool {
    private final Quota quota;

    public WriteFileTool(Quota quota) {
        this.quota = quota;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec("write_file", "Create or replace a file (parent folders are created). Put results for the user in downloads/.",
                Schema.object().property("path", "string", "File relative to the workspace root", true)
                        .property("content", "string", "The whole new content", true).build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        String path = args.required("path");
        byte[] bytes = args.required("content").getBytes(StandardCharsets.UTF_8);
        Path file = WorkspaceFiles.resolve(context.workspace(), path);
        if (Files.isDirectory(file)) throw new ToolFailure("'" + path + "' is a folder");
        write(context.workspace(), file, bytes, quota);
        return ToolResult.success("Wrote " + bytes.length + " bytes to " + WorkspaceFiles.relative(context.workspace(), file));
    }

    /** Replaces {@code file}, refusing when the workspace would exceed its quota. */
    static void write(Path workspace, Path file, byte[] bytes, Quota quota) {
        try {
            long old = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (!quota.fits(workspace, bytes.length - old)) {
                throw new ToolFailure("writing " + bytes.length + " bytes would exceed the workspace quota of "
                        + Sizes.human(quota.limit()));
            }
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
