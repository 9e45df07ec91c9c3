package dev.agentd.domain;

/** Why a run did not complete: the {@code code} of its terminal {@code error} event and the task's errorCode. */
public enum FailureCode {
    MODEL_ERROR,
    INTERRUPTED,
    CANCELLED,
    MAX_STEPS,
    INTERNAL_ERROR
}
