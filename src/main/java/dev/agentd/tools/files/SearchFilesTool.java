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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** search_files: lines matching a regular expression, as {@code path:line: text}. */
public final class SearchFilesTool implements Tool {
    private static final int MAX_MATCHES = 500;

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "search_files",
                "Search text files for a regular expression; results are path:line: text.",
                Schema.object()
                        .property("pattern", "string", "Regular expression (Java syntax)", true)
                        .property("path", "string", "Folder or file to search (default .)", false)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) throws InterruptedException {
        Args args = new Args(arguments);
        Pattern pattern;
        try {
            pattern = Pattern.compile(args.required("pattern"));
        } catch (PatternSyntaxException e) {
            throw new ToolFailure("invalid pattern: " + e.getDescription());
        }
        Workspace workspace = context.workspace();
        String start = args.text("path", ".");
        List<String> files = new ArrayList<>();
        if (!workspace.exists()) return ToolResult.success("No matches.");
        Workspace.Entry top = WorkspaceFiles.existing(workspace, start);
        try {
            if (top.kind() == Workspace.Kind.FILE) {
                files.add(top.path());
            } else {
                for (Workspace.Entry e : workspace.list(start, true, Integer.MAX_VALUE)) {
                    if (e.kind() == Workspace.Kind.FILE) files.add(e.path());
                }
            }
        } catch (IOException e) {
            throw WorkspaceFiles.failure(start, e);
        }
        List<String> matches = new ArrayList<>();
        for (String file : files) {
            if (Thread.interrupted()) throw new InterruptedException();
            if (search(workspace, file, pattern, matches)) break;
        }
        if (matches.isEmpty()) return ToolResult.success("No matches.");
        return ToolResult.success(String.join("\n", matches));
    }

    /** Adds the file's matches; true once the cap is reached. A file that changed meanwhile is skipped. */
    private static boolean search(Workspace workspace, String path, Pattern pattern, List<String> matches) {
        Optional<Workspace.Opened> opened;
        try {
            opened = workspace.open(path);
        } catch (IOException e) {
            return false;
        }
        if (opened.isEmpty()) return false;
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (var _ = opened.get().channel()) {
            if (WorkspaceFiles.isBinary(opened.get())) return false;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(WorkspaceFiles.stream(opened.get()), decoder))) {
                int lineNo = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    lineNo++;
                    if (pattern.matcher(line).find()) {
                        if (matches.size() == MAX_MATCHES) {
                            matches.add("[search stopped after " + MAX_MATCHES + " matches]");
                            return true;
                        }
                        matches.add(path + ":" + lineNo + ": " + line);
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
