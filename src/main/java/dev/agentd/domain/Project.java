package dev.agentd.domain;

import java.time.Instant;

/** A project: it owns API keys, widget apps, tasks and settings. */
public record Project(String id, String name, Instant createdAt) {
    /** The project every key and task belongs to unless told otherwise. */
    public static final String DEFAULT = "default";
}
