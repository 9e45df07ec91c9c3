package dev.agentd.domain;

import java.util.List;

/** A page of a key's visible tasks, newest activity first, and how many there are in all. */
public record TaskPage(List<Task> tasks, int total) {}
