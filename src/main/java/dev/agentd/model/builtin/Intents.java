package dev.agentd.model.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in model's file and command intents, turned into tool calls (agent.md §3). */
final class Intents {
    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final Pattern RUN =
            Pattern.compile("^(?:please\\s+)?(?:run|execute)\\s+`([^`]+)`.*", I | Pattern.DOTALL);
    private static final Pattern LIST = Pattern.compile(
            "^(?:please\\s+)?(?:list|show)(?:\\s+(?:the|all|me))*\\s+files(?:\\s+in\\s+(\\S+?))?[.!?]?$", I);
    private static final Pattern WRITE = Pattern.compile(
            "^(?:please\\s+)?(?:write|save|create)\\s+(?:to\\s+|file\\s+)?([\\w./-]+)\\s*:\\s*(.*)$",
            I | Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile(
            "```[ \\t]*(?:[\\w+-]+[ \\t]+)?([\\w./-]*[./][\\w./-]*)[ \\t]*\\n(.*?)\\n?```", Pattern.DOTALL);
    private static final Pattern FENCE_BODY = Pattern.compile("^```[^\\n]*\\n(.*?)\\n?```\\s*$", Pattern.DOTALL);
    private static final Pattern READ = Pattern.compile(
            "^(?:please\\s+)?(?:read|show|open|analy[sz]e|cat|display|summari[sz]e)\\s+(?:the\\s+)?(?:file\\s+)?([\\w./-]+?)[.!?]?$",
            I);

    /** {@code use <tool> with <json args>}: any offered tool, e.g. an MCP server's. */
    private static final Pattern USE =
            Pattern.compile("^use\\s+([\\w.-]+)\\s+with\\s+(\\{.*})\\s*$", I | Pattern.DOTALL);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code delegate to <agentName>: <objective>}, one per line. */
    private static final Pattern DELEGATE =
            Pattern.compile("^\\s*delegate to ([\\w.-]+):\\s*(.+?)\\s*$", I | Pattern.MULTILINE);

    private Intents() {}

    /** The delegations a message asks for, one per {@code delegate to <agentName>: <objective>} line. */
    static List<ToolCall> delegations(String text) {
        List<ToolCall> calls = new ArrayList<>();
        Matcher m = DELEGATE.matcher(text);
        while (m.find())
            calls.add(call("delegate", args().put("agentName", m.group(1)).put("objective", m.group(2))));
        return calls;
    }

    static Optional<ToolCall> match(String text) {
        String t = text.strip();
        Matcher m;
        if ((m = USE.matcher(t)).matches()) {
            try {
                if (JSON.readTree(m.group(2)) instanceof ObjectNode args) return Optional.of(call(m.group(1), args));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }
        if ((m = RUN.matcher(t)).matches()) {
            return Optional.of(call("run_command", args().put("command", m.group(1))));
        }
        if ((m = LIST.matcher(t)).matches()) {
            return Optional.of(call(
                    "list_files",
                    args().put("path", m.group(1) == null ? "." : m.group(1)).put("recursive", true)));
        }
        if ((m = WRITE.matcher(t)).matches() && looksLikePath(m.group(1))) {
            String content = m.group(2);
            Matcher body = FENCE_BODY.matcher(content.strip());
            if (body.matches()) content = body.group(1);
            return Optional.of(call("write_file", args().put("path", m.group(1)).put("content", content)));
        }
        if ((m = FENCE.matcher(t)).find()) {
            return Optional.of(call("write_file", args().put("path", m.group(1)).put("content", m.group(2))));
        }
        if ((m = READ.matcher(t)).matches() && looksLikePath(m.group(1))) {
            return Optional.of(call("read_file", args().put("path", m.group(1))));
        }
        return Optional.empty();
    }

    private static boolean looksLikePath(String s) {
        return s.contains(".") || s.contains("/");
    }

    private static ObjectNode args() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ToolCall call(String name, ObjectNode args) {
        return new ToolCall(
                "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), name, args);
    }
}
