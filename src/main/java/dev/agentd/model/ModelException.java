package dev.agentd.model;

import dev.agentd.domain.FailureCode;

/** The model could not produce a turn; the message is the provider's, never a key. */
public final class ModelException extends RuntimeException {
    private final FailureCode code;

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
}
