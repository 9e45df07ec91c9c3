package dev.agentd.model;

/** Where a model streams a turn while it is being produced. */
public interface TurnSink {
    /** The next piece of the turn's text; more may follow. */
    void content(String piece);

    /**
     * The turn's last piece of text, for a model that knows it is the last when it sends it; others
     * send every piece with {@link #content(String)} and the end of the turn is marked after it.
     */
    default void lastContent(String piece) {
        content(piece);
    }

    /** A piece of reasoning. */
    void thought(String subject, String description);

    /** The provider failed and the call is tried again. */
    void retrying(String message);
}
