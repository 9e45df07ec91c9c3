package dev.agentd.model;

import dev.agentd.domain.FailureCode;

/** The model could not produce a turn; the message is the provider's, never a key. */
public final class ModelException extends RuntimeException {
    private final FailureCode code;
    private boolean contextTooLong;

    public ModelException(String message) {
        this(FailureCode.MODEL_ERROR, message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
        this.code = FailureCode.MODEL_ERROR;
    }

    /** A failure the run ends with under {@code code} (MODEL_ERROR for a provider's). */
    public ModelException(FailureCode code, String message) {
        super(message);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }

    /** Whether the provider refused the request as longer than the model's context window. */
    public boolean contextTooLong() {
        return contextTooLong;
    }

    /** A provider's refusal of a request longer than the model's context window: compacting may help. */
    public static ModelException contextTooLong(String message) {
        ModelException e = new ModelException(message);
        e.contextTooLong = true;
        return e;
    }

    /** Whether a provider's error message says the request did not fit the model's context. */
    public static boolean saysContextTooLong(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("context_length_exceeded")
                || m.contains("maximum context length")
                || m.contains("context window")
                || m.contains("prompt is too long")
                || m.contains("context limit")
                || m.contains("exceed context")
                || m.contains("too many tokens");
    }
}
