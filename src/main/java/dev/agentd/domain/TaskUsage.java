package dev.agentd.domain;

/** What a task's runs used of their models, summed [extension]. */
public record TaskUsage(long promptTokens, long completionTokens, long modelCalls) {
    public static final TaskUsage NONE = new TaskUsage(0, 0, 0);
}
