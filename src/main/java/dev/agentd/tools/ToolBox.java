package dev.agentd.tools;

import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;
import dev.agentd.secrets.Masker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tools offered to the model, by name. */
public final class ToolBox {
    private static final Logger log = LoggerFactory.getLogger(ToolBox.class);
    private final List<ToolSpec> specs;

    /** Tool output given to the model and to events is capped at this many characters. */
    public static final int OUTPUT_CAP = 64 * 1024;

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Predicate<String> denied;

    public ToolBox(List<Tool> tools) {
        this(tools, name -> false);
    }

    private ToolBox(List<Tool> tools, Predicate<String> denied) {
        this.denied = denied;
        for (Tool t : tools) this.tools.putIfAbsent(t.spec().name(), t);
        this.specs = this.tools.values().stream()
                .map(Tool::spec)
                .filter(s -> !denied.test(s.name()))
                .toList();
    }

    /**
     * These tools and {@code more} (a name already here keeps its tool), with those {@code denied}
     * names neither offered nor run.
     */
    public ToolBox with(List<Tool> more, Predicate<String> denied) {
        List<Tool> all = new ArrayList<>(tools.values());
        all.addAll(more);
        return new ToolBox(all, denied);
    }

    /** These tools' {@code names} only (those it has), denied ones still denied. */
    public ToolBox only(List<String> names) {
        return new ToolBox(
                tools.values().stream()
                        .filter(t -> names.contains(t.spec().name()))
                        .toList(),
                denied);
    }

    /** Whether {@code name} is offered: a tool here that is not denied. */
    public boolean offers(String name) {
        return tools.containsKey(name) && !denied.test(name);
    }

    public boolean denies(String name) {
        return denied.test(name);
    }

    public List<ToolSpec> specs() {
        return specs;
    }

    /**
     * Runs the call; an unknown tool or a failing one is an error result. The output is masked, then
     * capped, so that no cut leaves the first characters of a secret behind.
     */
    public ToolResult execute(ToolCall call, ToolContext context) throws InterruptedException {
        if (denied.test(call.name())) {
            return ToolResult.error("the tool '" + call.name() + "' is denied by the project's tool policy");
        }
        Tool tool = tools.get(call.name());
        if (tool == null) return ToolResult.error("unknown tool '" + call.name() + "'");
        ToolResult result;
        try {
            result = tool.run(call.args(), context);
        } catch (ToolFailure e) {
            result = ToolResult.error(e.getMessage());
        } catch (RuntimeException e) {
            // the message may quote what the model sent, so it is masked like the output
            log.warn("tool {} failed: {}", call.name(), context.masker().mask(e.toString()));
            result = ToolResult.error(call.name() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return new ToolResult(result.status(), cap(result.output(), context.masker()));
    }

    static String cap(String output, Masker masker) {
        if (output.length() <= OUTPUT_CAP) return masker.mask(output);
        return masker.cutAt(output, OUTPUT_CAP) + "\n[output truncated: " + output.length() + " characters, first "
                + OUTPUT_CAP + " shown]";
    }
}
