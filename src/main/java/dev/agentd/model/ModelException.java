package dev.agentd.model;

/** The model could not produce a turn; the message is the provider's, never a key. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
