package dev.agentd.domain;

/** Why a run did not complete, with the message a person reads. */
public record RunError(FailureCode code, String message) {}
