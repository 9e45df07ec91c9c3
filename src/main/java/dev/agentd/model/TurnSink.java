package dev.agentd.model;

/** Where a model streams a turn while it is being produced. */
public interface TurnSink {
    /** The next piece of the turn's text. */
    void content(String piece);

    /** A piece of reasoning. */
    void thought(String subject, String description);

    /** The provider failed and the call is tried again. */
    void retrying(String message);
}
