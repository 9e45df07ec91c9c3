package dev.agentd.tools.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** list_files: names and sizes, folders marked with a trailing slash. */
public final class ListFilesTool implements Tool {
    private static final int MAX_ENTRIES = 2000;

    @Override
    public ToolSpec spec() {
        return new ToolSpec("list_files", "List files and folders in the workspace, with sizes; folders end with /.",
                Schema.object().property("path", "string", "Folder relative to the workspace root (default .)", false)
                        .property("recursive", "boolean", "Include everything below the folder", false).build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        Path root = context.workspace();
        Path dir = WorkspaceFiles.existing(root, args.text("path", "."));
        if (!Files.isDirectory(dir)) throw new ToolFailure("'" + args.text("path", ".") + "' is not a folder");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> entries = args.flag("recursive", false) ? Files.walk(dir) : Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.filter(p -> !p.equals(dir)).sorted()::iterator) {
                if (lines.size() == MAX_ENTRIES) {
                    lines.add("[listing stopped after " + MAX_ENTRIES + " entries]");
                    break;
                }
                String rel = WorkspaceFiles.relative(root, p);
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add(rel + "/");
                } else if (Files.isSymbolicLink(p)) {
                    lines.add(rel + " -> (link)");
                } else {
                    lines.add(rel + " (" + Files.size(p) + " bytes)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ToolResult.success(lines.isEmpty() ? "(empty)" : String.join("\n", lines));
    }
}
