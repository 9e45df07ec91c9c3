package dev.agentd.tools.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import dev.agentd.workspace.FileTypes;
import dev.agentd.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** read_file: text with line numbers ({@code n<TAB>text}); binary files are described, not dumped. */
public final class ReadFileTool implements Tool {
    private static final int DEFAULT_LIMIT = 2000;

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "read_file",
                "Read a text file with line numbers; binary files are described.",
                Schema.object()
                        .property("path", "string", "File relative to the workspace root", true)
                        .property("offset", "integer", "First line to read, from 1 (default 1)", false)
                        .property("limit", "integer", "How many lines to read (default 2000)", false)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        String path = args.required("path");
        long offset = Math.max(1, args.number("offset", 1));
        long limit = Math.max(1, args.number("limit", DEFAULT_LIMIT));
        Workspace.Opened file = WorkspaceFiles.open(context.workspace(), path);
        try (var _ = file.channel()) {
            if (WorkspaceFiles.isBinary(file)) {
                return ToolResult.success(
                        "Binary file " + path + ": " + file.size() + " bytes, type " + FileTypes.mimeType(path) + ".");
            }
            StringBuilder out = new StringBuilder();
            long shown = 0;
            long lineNo = 0;
            var decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(WorkspaceFiles.stream(file), decoder))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lineNo++;
                    if (lineNo < offset) continue;
                    if (shown == limit || out.length() > ToolBox.OUTPUT_CAP) {
                        out.append("[more lines follow; read on with offset ")
                                .append(lineNo)
                                .append("]\n");
                        break;
                    }
                    out.append(lineNo).append('\t').append(line).append('\n');
                    shown++;
                }
            }
            if (lineNo == 0) return ToolResult.success(path + " is empty.");
            if (shown == 0) return ToolResult.success(path + " has only " + lineNo + " lines.");
            return ToolResult.success(out.toString());
        } catch (IOException e) {
            throw WorkspaceFiles.failure(path, e);
        }
    }
}
