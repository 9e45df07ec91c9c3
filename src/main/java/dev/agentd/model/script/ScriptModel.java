package dev.agentd.model.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentd.config.ConfigException;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.TurnSink;
import dev.agentd.model.UserMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model that plays a script ({@code AGENTD_MODEL=script:<file>}): the first rule whose pattern
 * finds in the user's message runs its steps. A tool step ends the turn; the next turn goes on after
 * the step, which it finds from the conversation (the turns that ended in a tool call since the
 * message), so a run resumed after a restart goes on where it was. The file is read again when it
 * changes; a change that is not a valid script is logged and the last valid one kept.
 */
public final class ScriptModel implements Model {
    public static final String PREFIX = "script:";
    private static final Logger log = LoggerFactory.getLogger(ScriptModel.class);
    private static final Pattern GROUP = Pattern.compile("\\$([1-9])");

    private final Path file;
    private final Duration defaultPace;
    private volatile Loaded loaded;

    private record Loaded(List<Rule> rules, long modified, long size) {}

    private ScriptModel(Path file, Duration defaultPace, Loaded loaded) {
        this.file = file;
        this.defaultPace = defaultPace;
        this.loaded = loaded;
    }

    /**
     * The model of {@code file}, paced like the built-in model where a say step names no pace.
     *
     * @throws ConfigException naming the rule and field when the script is not valid
     */
    public static ScriptModel load(Path file, Duration defaultPace) {
        try {
            return new ScriptModel(file, defaultPace, read(file));
        } catch (ScriptParser.Invalid e) {
            throw new ConfigException("AGENTD_MODEL: " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("AGENTD_MODEL: cannot read the script " + file + " (" + e.getMessage() + ")");
        }
    }

    private static Loaded read(Path file) throws IOException, ScriptParser.Invalid {
        long modified = Files.getLastModifiedTime(file).toMillis();
        long size = Files.size(file);
        return new Loaded(ScriptParser.parse(Files.readString(file)), modified, size);
    }

    /** The script as it is now: read again when the file changed, the last valid one if it is not valid. */
    private List<Rule> rules() {
        Loaded current = loaded;
        try {
            if (Files.getLastModifiedTime(file).toMillis() != current.modified()
                    || Files.size(file) != current.size()) {
                synchronized (this) {
                    loaded = current = read(file);
                }
                log.info("script {} read again: {} rules", file, current.rules().size());
            }
        } catch (ScriptParser.Invalid e) {
            log.warn("script {} changed but is not valid, keeping the last valid one: {}", file, e.getMessage());
            markSeen();
        } catch (IOException e) {
            log.warn("script {} cannot be read, keeping the last valid one: {}", file, e.getMessage());
        }
        return current.rules();
    }

    /** Remembers the file's current state so that one bad version is reported once. */
    private void markSeen() {
        try {
            Loaded current = loaded;
            loaded = new Loaded(current.rules(), Files.getLastModifiedTime(file).toMillis(), Files.size(file));
        } catch (IOException e) {
            // reported on the next turn
        }
    }

    @Override
    public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
        List<ChatMessage> messages = request.messages();
        int user = lastUser(messages);
        String message = UserMessages.withoutFileList(messages.get(user).content());
        long toolTurns = messages.subList(user + 1, messages.size()).stream()
                .filter(m -> m.role().equals("assistant") && !m.toolCalls().isEmpty())
                .count();
        for (Rule rule : rules()) {
            Matcher match = rule.matches(message).orElse(null);
            if (match != null) return play(rule.steps(), (int) toolTurns, match, sink);
        }
        String text = "No rule of the script matches this message.";
        sink.content(text);
        return new ModelTurn(text, List.of(), 0, 0);
    }

    /** Runs the steps after the {@code skipTools}-th tool step, up to the next tool step or the end. */
    private ModelTurn play(List<Step> steps, int skipTools, Matcher match, TurnSink sink) throws InterruptedException {
        int from = 0;
        for (int seen = 0; seen < skipTools && from < steps.size(); from++) {
            if (steps.get(from) instanceof Step.Tool) seen++;
        }
        StringBuilder text = new StringBuilder();
        for (Step step : steps.subList(from, steps.size())) {
            switch (step) {
                case Step.Think t -> sink.thought(fill(t.subject(), match), fill(t.description(), match));
                case Step.Say s -> say(fill(s.text(), match), s.pace() == null ? defaultPace : s.pace(), sink, text);
                case Step.Retry r -> {
                    for (int i = 1; i <= r.times(); i++) {
                        sink.retrying(
                                "The scripted provider failed; retrying (attempt " + i + " of " + r.times() + ")");
                    }
                }
                case Step.Wait w -> Thread.sleep(w.duration());
                case Step.Fail f -> throw new ModelException(f.code(), fill(f.message(), match));
                case Step.Tool t -> {
                    ToolCall call = new ToolCall(
                            "call_"
                                    + UUID.randomUUID()
                                            .toString()
                                            .replace("-", "")
                                            .substring(0, 16),
                            t.name(),
                            (ObjectNode) fill(t.args(), match));
                    return new ModelTurn(text.toString(), List.of(call), 0, 0);
                }
            }
        }
        return new ModelTurn(text.toString(), List.of(), 0, 0);
    }

    private static void say(String words, Duration pace, TurnSink sink, StringBuilder text)
            throws InterruptedException {
        for (String piece : words.split("(?<= )")) {
            if (!pace.isZero()) Thread.sleep(pace);
            else if (Thread.interrupted()) throw new InterruptedException();
            sink.content(piece);
            text.append(piece);
        }
    }

    private static int lastUser(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--)
            if (messages.get(i).role().equals("user")) return i;
        throw new IllegalStateException("a run without a user message");
    }

    /** {@code $1}…{@code $9} replaced by the match's groups (empty where a group matched nothing). */
    static String fill(String text, Matcher match) {
        return GROUP.matcher(text).replaceAll(r -> {
            int g = Integer.parseInt(r.group(1));
            String value = g <= match.groupCount() ? match.group(g) : null;
            return Matcher.quoteReplacement(value == null ? "" : value);
        });
    }

    private static JsonNode fill(JsonNode node, Matcher match) {
        if (node.isTextual()) return TextNode.valueOf(fill(node.asText(), match));
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) copy.set(e.getKey(), fill(e.getValue(), match));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(fill(v, match)));
            return copy;
        }
        return node;
    }
}
