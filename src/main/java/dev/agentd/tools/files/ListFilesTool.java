package dev.agentd.tools.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.WorkspacePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** list_files: names and sizes, folders marked with a trailing slash. */
public final class ListFilesTool implements Tool {
    private static final int MAX_ENTRIES = 2000;

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "list_files",
                "List files and folders in the workspace, with sizes; folders end with /.",
                Schema.object()
                        .property("path", "string", "Folder relative to the workspace root (default .)", false)
                        .property("recursive", "boolean", "Include everything below the folder", false)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        String path = args.text("path", ".");
        Workspace workspace = context.workspace();
        if (!workspace.exists()
                && WorkspacePath.join(WorkspaceFiles.segments(path)).equals(".")) return ToolResult.success("(empty)");
        if (WorkspaceFiles.existing(workspace, path).kind() != Workspace.Kind.FOLDER) {
            throw new ToolFailure("'" + path + "' is not a folder");
        }
        List<Workspace.Entry> entries;
        try {
            entries = workspace.list(path, args.flag("recursive", false), MAX_ENTRIES + 1);
        } catch (IOException e) {
            throw WorkspaceFiles.failure(path, e);
        }
        List<String> lines = new ArrayList<>();
        for (Workspace.Entry e : entries) {
            if (lines.size() == MAX_ENTRIES) {
                lines.add("[listing stopped after " + MAX_ENTRIES + " entries]");
                break;
            }
            lines.add(
                    switch (e.kind()) {
                        case FOLDER -> e.path() + "/";
                        case LINK -> e.path() + " -> (link)";
                        case FILE -> e.path() + " (" + e.size() + " bytes)";
                        case OTHER -> e.path() + " (special file)";
                    });
        }
        return ToolResult.success(lines.isEmpty() ? "(empty)" : String.join("\n", lines));
    }
}
