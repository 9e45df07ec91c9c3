package dev.agentd.model.builtin;

import dev.agentd.model.ChatMessage;
import dev.agentd.model.Model;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;
import dev.agentd.model.TurnSink;
import dev.agentd.model.UserMessages;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic offline model (agent.md §3): arithmetic with "that"/"it" from the conversation,
 * file and command intents as tool calls, and a general reply that quotes the user. Text is streamed
 * one word per piece, paced like a hosted model (agent.md §3).
 */
public final class BuiltinModel implements Model {
    private static final Pattern LAST_RESULT = Pattern.compile("equals (-?\\d+(?:\\.\\d+)?)\\.");
    private static final Pattern TOOLS = Pattern.compile(
            "^(?:what|which) tools (?:can you use|do you have)\\??$|^list (?:your )?tools\\.?$",
            Pattern.CASE_INSENSITIVE);
    private static final String UPLOAD_PREFIX = UserMessages.FILE_LIST;

    private final long firstDelayMs;
    private final long delayMs;

    /** Pauses {@code firstDelayMs} before a turn's first piece and {@code delayMs} before each later one. */
    public BuiltinModel(long firstDelayMs, long delayMs) {
        this.firstDelayMs = firstDelayMs;
        this.delayMs = delayMs;
    }

    @Override
    public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.getLast();
        String reply;
        List<ToolCall> calls = List.of();
        if (last.role().equals("tool")) {
            sink.thought("Reading the tool result", "Summarising what " + last.toolName() + " returned.");
            reply = Reports.describe(toolCallOf(messages, last.toolCallId()), last.content());
        } else {
            String text = UserMessages.withoutFileList(last.content());
            List<ToolCall> delegations = Intents.delegations(text);
            Optional<ToolCall> call = delegations.isEmpty() ? Intents.match(text) : Optional.empty();
            Optional<Arithmetic.Answer> answer =
                    call.isPresent() ? Optional.empty() : Arithmetic.solve(text, lastResult(messages));
            if (!delegations.isEmpty()) {
                calls = delegations;
                sink.thought("Delegating", "The request names subagents for " + delegations.size() + " objective(s).");
                reply = "Delegating to "
                        + String.join(
                                ", ",
                                delegations.stream()
                                        .map(c -> c.args().path("agentName").asText())
                                        .toList())
                        + ".\n\n";
            } else if (call.isPresent()) {
                calls = List.of(call.get());
                sink.thought("Using a tool", "The request maps to " + call.get().name() + ".");
                reply = Reports.announce(call.get());
            } else if (TOOLS.matcher(text.strip()).matches()) {
                sink.thought("Listing tools", "Naming the tools this run offers.");
                reply = "The tools I can use here: "
                        + String.join(
                                ", ",
                                request.tools().stream().map(ToolSpec::name).toList()) + ".";
            } else if (answer.isPresent()) {
                sink.thought("Calculating", "Evaluating " + answer.get().expression() + ".");
                reply = answer.get().sentence();
            } else {
                sink.thought("Reading the request", "No arithmetic, file or command request found.");
                reply = general(text) + uploadNote(last.content());
            }
        }
        stream(reply, sink);
        long promptTokens = messages.stream().mapToLong(m -> words(m.content())).sum();
        return new ModelTurn(reply, calls, promptTokens, words(reply));
    }

    private void stream(String text, TurnSink sink) throws InterruptedException {
        long pause = firstDelayMs;
        List<String> pieces = pieces(text);
        for (int i = 0; i < pieces.size(); i++) {
            if (pause > 0) {
                Thread.sleep(pause);
            } else if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            pause = delayMs;
            if (i == pieces.size() - 1) {
                sink.lastContent(pieces.get(i));
            } else {
                sink.content(pieces.get(i));
            }
        }
    }

    /** The text split after each space: one word with its trailing space per piece. */
    static List<String> pieces(String text) {
        return List.of(text.split("(?<= )"));
    }

    private static String general(String text) {
        return "You said: \"" + text.strip() + "\". I am the built-in model of agentd. I can do arithmetic "
                + "(\"What is 2+2?\", then \"multiply that by 10\"), list, read and write files in the workspace "
                + "(\"list files\", \"read uploads/data.csv\", \"write notes.txt: hello\") and run commands "
                + "(\"run `ls -la`\"), name the tools it may use (\"list your tools\") and call any of them "
                + "(\"use <tool> with {...}\"), and delegate to subagents (\"delegate to researcher: read notes.txt\"). Set AGENTD_MODEL=openai:<model> to use a real model.";
    }

    /** The model sees uploads as a list before the message; the reply names them. */
    private static String uploadNote(String content) {
        if (!content.startsWith(UPLOAD_PREFIX)) return "";
        int end = content.indexOf("\n\n");
        String list = content.substring(UPLOAD_PREFIX.length(), end < 0 ? content.length() : end);
        return " Files with this message: "
                + String.join(
                        ", ", list.lines().map(l -> l.replaceFirst("^- ", "")).toList()) + ".";
    }

    /** The last "… equals N." an assistant said in the conversation. */
    static Optional<BigDecimal> lastResult(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (!m.role().equals("assistant") || m.content() == null) continue;
            Matcher matcher = LAST_RESULT.matcher(m.content());
            String found = null;
            while (matcher.find()) found = matcher.group(1);
            if (found != null) return Optional.of(new BigDecimal(found));
        }
        return Optional.empty();
    }

    private static ToolCall toolCallOf(List<ChatMessage> messages, String callId) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            for (ToolCall call : messages.get(i).toolCalls()) {
                if (call.id().equals(callId)) return call;
            }
        }
        return null;
    }

    private static long words(String text) {
        return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }
}
