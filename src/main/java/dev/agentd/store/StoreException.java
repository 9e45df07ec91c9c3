package dev.agentd.store;

/** The database could not do what was asked (it is busy, full, gone, or broken), as opposed to a wrong request of the code. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
