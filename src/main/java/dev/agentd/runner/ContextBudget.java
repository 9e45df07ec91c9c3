package dev.agentd.runner;

import dev.agentd.model.ChatMessage;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;
import dev.agentd.model.TurnSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps what is sent to a model within its context window; the conversation itself (history, the
 * stream, the session's memory) keeps everything. When the next request would not fit, old tool
 * outputs are shortened first (the call stays, with a note that its output was cut); if that is not
 * enough, the oldest turns are replaced by a summary the model writes, made once and kept by the
 * session for its later requests. The system prompt, the first user message and the last turns are
 * never left out. Sizes are estimated to err high and corrected by the token counts providers report.
 */
final class ContextBudget {
    /** Characters per token of the estimate: fewer than most text has, so the estimate errs high. */
    private static final double CHARS_PER_TOKEN = 3.0;

    private static final int MESSAGE_OVERHEAD = 8;
    /** Messages at the end that are always sent whole. */
    private static final int KEEP_LAST = 6;

    private static final int CUT_OUTPUT_TO = 200;
    static final String SUMMARY_PREFIX = "[Summary of the earlier conversation]\n";
    private static final String SUMMARIZE = "You summarize a conversation between a user and an AI agent that works "
            + "in a workspace with tools. Write a dense summary that lets the agent go on without the original: the "
            + "user's goals and requests, decisions, facts and numbers found, files read or written (with paths), "
            + "commands run and their outcome, and what is still open. No preamble.";

    /** What a session keeps between requests: the summary so far and how far it covers. */
    static final class State {
        String summary;
        /** Messages of memory (after the first) that the summary replaces. */
        int covered;

        double correction = 1.0;
        long lastEstimate;
    }

    private final long contextTokens;
    private final long reserve;

    /** {@code contextTokens}: the model's window; {@code answerTokens}: what the answer may need of it. */
    ContextBudget(long contextTokens, long answerTokens) {
        this.contextTokens = contextTokens;
        this.reserve = Math.min(answerTokens, contextTokens / 4);
    }

    long budget() {
        return contextTokens - reserve;
    }

    /**
     * The messages to send for {@code memory}: all of them when they fit, else compacted, asking
     * {@code model} for a summary when shortening outputs is not enough ({@code status} says so).
     * {@code force}: compact even when the estimate fits (the provider said it did not).
     */
    List<ChatMessage> fit(
            State state,
            Model model,
            String system,
            List<ChatMessage> memory,
            List<ToolSpec> tools,
            boolean force,
            Consumer<String> status)
            throws InterruptedException {
        long fixed = estimate(system)
                + tools.stream()
                        .mapToLong(t -> estimate(t.description())
                                + estimate(t.parameters().toString()))
                        .sum();
        long limit = force ? Math.min(budget(), (long) (state.lastEstimate * 0.6)) : budget();
        List<ChatMessage> sent = withSummary(state, memory);
        if (!force && fits(state, fixed, sent, limit)) return remember(state, fixed, sent);
        sent = shortened(sent, KEEP_LAST);
        if (!force && fits(state, fixed, sent, limit)) return remember(state, fixed, sent);
        // summarize until the rest fits in half the room, so that the next summary is many turns away
        int cut = cutPoint(memory, state, fixed, Math.max(1, limit / 2));
        if (cut > 1 + state.covered) {
            status.accept("Compacting the conversation to fit the model's context window");
            state.summary = summarize(model, state, memory.subList(1 + state.covered, cut), limit / 2);
            state.covered = cut - 1;
        }
        sent = shortened(withSummary(state, memory), KEEP_LAST);
        // the last turns too, when they alone are more than the window holds
        if (!fits(state, fixed, sent, limit)) sent = shortened(sent, 0);
        return remember(state, fixed, sent);
    }

    /** After a turn: how far the estimate was from what the provider counted. */
    void calibrate(State state, ModelTurn turn) {
        if (turn.promptTokens() <= 0 || state.lastEstimate <= 0) return;
        double seen = (double) turn.promptTokens() / (state.lastEstimate / state.correction);
        state.correction = Math.max(0.5, Math.min(3.0, seen));
    }

    private List<ChatMessage> remember(State state, long fixed, List<ChatMessage> sent) {
        state.lastEstimate = size(state, fixed, sent);
        return sent;
    }

    private boolean fits(State state, long fixed, List<ChatMessage> sent, long limit) {
        return size(state, fixed, sent) <= limit;
    }

    private long size(State state, long fixed, List<ChatMessage> messages) {
        long raw = fixed;
        for (ChatMessage m : messages) raw += estimate(m);
        return (long) Math.ceil(raw * state.correction);
    }

    /** The first message, the summary in place of what it covers, then the rest. */
    private static List<ChatMessage> withSummary(State state, List<ChatMessage> memory) {
        if (state.summary == null || memory.size() <= 1 + state.covered) return memory;
        List<ChatMessage> out = new ArrayList<>();
        out.add(memory.getFirst());
        out.add(ChatMessage.user(SUMMARY_PREFIX + state.summary));
        out.addAll(memory.subList(1 + state.covered, memory.size()));
        return out;
    }

    /** Tool outputs before the last {@code keep} messages cut to their start, with a note that they were. */
    private static List<ChatMessage> shortened(List<ChatMessage> messages, int keep) {
        List<ChatMessage> out = new ArrayList<>(messages);
        for (int i = 0; i < out.size() - keep; i++) {
            ChatMessage m = out.get(i);
            if (m.role().equals("tool") && m.content() != null && m.content().length() > CUT_OUTPUT_TO + 100) {
                out.set(
                        i,
                        ChatMessage.toolResult(
                                m.toolCallId(),
                                m.toolName(),
                                m.content().substring(0, CUT_OUTPUT_TO) + "\n[output cut to save context: "
                                        + m.content().length() + " characters in all]"));
            }
        }
        return out;
    }

    /**
     * Where the summary should end: the earliest message after which the rest (with the last
     * messages always kept) fits {@code room}. It is never a tool result, so no result is parted
     * from the call it answers; a long run of one user message is cut between its model turns.
     */
    private int cutPoint(List<ChatMessage> memory, State state, long fixed, long room) {
        int last = Math.max(1, memory.size() - KEEP_LAST);
        int best = -1;
        for (int i = 1 + state.covered; i <= last; i++) {
            if (memory.get(i).role().equals("tool")) continue;
            best = i;
            List<ChatMessage> rest = new ArrayList<>();
            rest.add(memory.getFirst());
            rest.add(ChatMessage.user(SUMMARY_PREFIX + "x".repeat(2000)));
            rest.addAll(memory.subList(i, memory.size()));
            if (size(state, fixed, shortened(rest, KEEP_LAST)) <= room) return i;
        }
        return best < 0 ? 1 + state.covered : best;
    }

    /**
     * The model's summary of the earlier summary and {@code turns}, without tools and unstreamed,
     * made in pieces that each fit {@code room}. When the model cannot make one, a note that the turns
     * were left out takes its place, so that the run goes on.
     */
    private static String summarize(Model model, State state, List<ChatMessage> turns, long room)
            throws InterruptedException {
        long chars = Math.max(2000, (long) (room * CHARS_PER_TOKEN));
        String summary = state.summary;
        StringBuilder piece = new StringBuilder();
        for (ChatMessage m : turns) {
            String line = line(m);
            if (!piece.isEmpty() && piece.length() + line.length() > chars) {
                summary = summaryOf(model, summary, piece.toString());
                piece.setLength(0);
            }
            piece.append(line.length() > chars ? line.substring(0, (int) chars) + " […]\n" : line);
        }
        if (!piece.isEmpty()) summary = summaryOf(model, summary, piece.toString());
        return summary;
    }

    private static String line(ChatMessage m) {
        StringBuilder out = new StringBuilder(m.role()).append(": ");
        if (m.content() != null) {
            out.append(m.content().length() > 4000 ? m.content().substring(0, 4000) + " […]" : m.content());
        }
        for (ToolCall c : m.toolCalls()) {
            String args = c.args().toString();
            out.append("\n  [calls ")
                    .append(c.name())
                    .append(' ')
                    .append(args.length() > 500 ? args.substring(0, 500) + "…" : args)
                    .append(']');
        }
        return out.append('\n').toString();
    }

    private static String summaryOf(Model model, String earlier, String transcript) throws InterruptedException {
        String text = (earlier == null ? "" : "Summary so far:\n" + earlier + "\n\n") + "Conversation to add to it:\n"
                + transcript;
        try {
            ModelTurn turn = model.next(new ModelRequest(SUMMARIZE, List.of(ChatMessage.user(text)), List.of()), QUIET);
            return turn.text().strip();
        } catch (ModelException e) {
            return (earlier == null ? "" : earlier + "\n")
                    + "(Earlier turns were left out: they could not be summarized: " + e.getMessage() + ")";
        }
    }

    private static final TurnSink QUIET = new TurnSink() {
        @Override
        public void content(String piece) {}

        @Override
        public void thought(String subject, String description) {}

        @Override
        public void retrying(String message) {}
    };

    private static long estimate(ChatMessage m) {
        long n = MESSAGE_OVERHEAD + estimate(m.content());
        for (ToolCall c : m.toolCalls())
            n += MESSAGE_OVERHEAD + estimate(c.name()) + estimate(c.args().toString());
        return n;
    }

    private static long estimate(String text) {
        return text == null ? 0 : (long) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }
}
