package dev.agentd.domain;

/** Why a run was asked to stop. */
public enum CancelReason {
    /** A person cancelled the task. */
    CANCELLED,
    /** A follow-up with ifBusy=interrupt took its place. */
    SUPERSEDED,
    /** The server is stopping. */
    SHUTDOWN
}
