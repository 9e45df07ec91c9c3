package dev.agentd.tools;

/** A tool call that cannot be done; the tool box turns it into an error result for the model. */
public final class ToolFailure extends RuntimeException {
    public ToolFailure(String message) {
        super(message, null, false, false);
    }
}
