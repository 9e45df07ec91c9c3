package dev.agentd.tools.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** search_files: lines matching a regular expression, as {@code path:line: text}. */
public final class SearchFilesTool implements Tool {
    private static final int MAX_MATCHES = 500;

    @Override
    public ToolSpec spec() {
        return new ToolSpec("search_files", "Search text files for a regular expression; results are path:line: text.",
                Schema.object().property("pattern", "string", "Regular expression (Java syntax)", true)
                        .property("path", "string", "Folder or file to search (default .)", false).build());
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
        Path root = context.workspace();
        Path start = WorkspaceFiles.existing(root, args.text("path", "."));
        List<String> matches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                if (Thread.interrupted()) throw new InterruptedException();
                if (WorkspaceFiles.isBinary(file)) continue;
                if (search(root, file, pattern, matches)) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (matches.isEmpty()) return ToolResult.success("No matches.");
        return ToolResult.success(String.join("\n", matches));
    }

    /** Adds the file's matches; true once the cap is reached. */
    private static boolean search(Path root, Path file, Pattern pattern, List<String> matches) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String rel = WorkspaceFiles.relative(root, file);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (pattern.matcher(line).find()) {
                    if (matches.size() == MAX_MATCHES) {
                        matches.add("[search stopped after " + MAX_MATCHES + " matches]");
                        return true;
                    }
                    matches.add(rel + ":" + lineNo + ": " + line);
                }
            }
        }
        return false;
    }
}
