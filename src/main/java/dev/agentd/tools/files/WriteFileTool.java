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
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.WorkspacePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** write_file: creates parent folders, replaces the file, reports the bytes written. */
public final class WriteFileTool implements Tool {
    private final Quota quota;

    public WriteFileTool(Quota quota) {
        this.quota = quota;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "write_file",
                "Create or replace a file (parent folders are created). Put results for the user in downloads/.",
                Schema.object()
                        .property("path", "string", "File relative to the workspace root", true)
                        .property("content", "string", "The whole new content", true)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        String path = args.required("path");
        byte[] bytes = args.required("content").getBytes(StandardCharsets.UTF_8);
        write(context.workspace(), path, bytes, quota);
        return ToolResult.success(
                "Wrote " + bytes.length + " bytes to " + WorkspacePath.join(WorkspaceFiles.segments(path)));
    }

    /** Replaces the file {@code path}, refusing when the workspace would exceed its quota. */
    static void write(Workspace workspace, String path, byte[] bytes, Quota quota) {
        try {
            Optional<Workspace.Entry> old = workspace.stat(path);
            if (old.isPresent() && old.get().kind() == Workspace.Kind.FOLDER) {
                throw new ToolFailure("'" + path + "' is a folder");
            }
            long replaced = old.map(Workspace.Entry::size).orElse(0L);
            if (!quota.fits(workspace, bytes.length - replaced)) {
                throw new ToolFailure("writing " + bytes.length + " bytes would exceed the workspace quota of "
                        + Sizes.human(quota.limit()));
            }
            workspace.write(path, bytes);
        } catch (IOException e) {
            throw WorkspaceFiles.failure(path, e);
        }
    }
}
