package dev.agentd.tools.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import dev.agentd.workspace.Quota;
import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** edit_file: replaces one exact, unique occurrence of a text. */
public final class EditFileTool implements Tool {
    private final Quota quota;

    public EditFileTool(Quota quota) {
        this.quota = quota;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "edit_file",
                "Replace one exact occurrence of old_text with new_text in a file; old_text must occur exactly once.",
                Schema.object()
                        .property("path", "string", "File relative to the workspace root", true)
                        .property("old_text", "string", "Text to replace, exactly as in the file", true)
                        .property("new_text", "string", "Replacement text", true)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        String path = args.required("path");
        String oldText = args.required("old_text");
        String newText = args.required("new_text");
        if (oldText.isEmpty()) throw new ToolFailure("old_text must not be empty");
        String text = readText(context.workspace(), path);
        int first = text.indexOf(oldText);
        if (first < 0) throw new ToolFailure("old_text was not found in " + path);
        if (text.indexOf(oldText, first + 1) >= 0) {
            throw new ToolFailure(
                    "old_text occurs more than once in " + path + "; include more context to make it unique");
        }
        String updated = text.substring(0, first) + newText + text.substring(first + oldText.length());
        WriteFileTool.write(context.workspace(), path, updated.getBytes(StandardCharsets.UTF_8), quota);
        long line = text.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
        return ToolResult.success("Replaced 1 occurrence in " + path + " at line " + line);
    }

    private static String readText(Workspace workspace, String path) {
        Workspace.Opened file = WorkspaceFiles.open(workspace, path);
        try (var _ = file.channel();
                InputStream in = WorkspaceFiles.stream(file)) {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ToolFailure(path + " is not UTF-8 text");
        } catch (IOException e) {
            throw WorkspaceFiles.failure(path, e);
        }
    }
}
