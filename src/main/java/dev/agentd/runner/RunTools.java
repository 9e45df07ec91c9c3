package dev.agentd.runner;

import dev.agentd.domain.Task;
import dev.agentd.model.ToolCall;
import dev.agentd.settings.ToolPolicies;
import dev.agentd.settings.ToolPolicy;
import dev.agentd.skills.SkillTool;
import dev.agentd.tools.ToolBox;

/**
 * The tools of one run and the project's policies over them; {@code skills} is the skills' tool, or
 * null when the project has none.
 */
record RunTools(ToolBox box, ToolPolicies policies, SkillTool skills) {
    /**
     * Whether {@code call} waits for a person: never for a denied tool (the tool box refuses it) or an
     * {@code allow} one; always for an {@code ask} one; otherwise unless the task's autoExecute or
     * the session's proceed_always grants say to go on.
     */
    boolean needsPerson(ToolCall call, Task task, Session session) {
        ToolPolicy policy = policies.of(call.name()).orElse(null);
        if (policy == ToolPolicy.DENY || policy == ToolPolicy.ALLOW) return false;
        return policy == ToolPolicy.ASK
                || !(task.settings().autoExecute() || session.grants().contains(call.name()));
    }
}
