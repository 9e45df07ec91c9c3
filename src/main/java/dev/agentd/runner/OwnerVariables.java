package dev.agentd.runner;

import dev.agentd.domain.Task;
import java.util.Map;

/**
 * Env and secrets a task's owner holds outside the task (what a widget token's exchange gave its end
 * user): every run of the owner's tasks gets them, beneath the task's own, which win.
 */
public interface OwnerVariables {
    /** The owner's variables; secrets are masked in everything a run shows. */
    record Variables(Map<String, String> env, Map<String, String> secrets) {
        public static final Variables NONE = new Variables(Map.of(), Map.of());
    }

    /** None for any owner. */
    OwnerVariables NONE = owner -> Variables.NONE;

    Variables of(Task.Owner owner);
}
