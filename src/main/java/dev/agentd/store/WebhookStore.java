package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The webhook outbox: deliveries written with the transitions they announce, and their attempts. */
public interface WebhookStore {
    /** A transition to post: its id is the same on every attempt, its body too. */
    record Delivery(
            String id,
            String taskId,
            String projectId,
            String url,
            String type,
            String body,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Instant createdAt) {}

    /** One attempt: the receiver's HTTP status, or null and why nothing was answered. */
    record Attempt(String deliveryId, int attempt, Instant at, String url, Integer status, String error, long ms) {}

    /** Queues a delivery of {@code type} for the task, when the task has a webhook URL; false when it has none. */
    boolean enqueue(String id, String taskId, String type, String body, Instant at);

    /**
     * Takes up to {@code limit} pending deliveries due at {@code now}, leased until {@code leaseUntil}
     * (a node that dies meanwhile leaves them to be taken again then).
     */
    List<Delivery> claim(Instant now, Instant leaseUntil, int limit);

    /** Records an attempt, and the delivery as {@code status} (pending again at {@code next}, delivered or failed). */
    void attempted(Attempt attempt, String status, Instant next);

    /** The latest deliveries, of one task or (null) of all, newest first. */
    List<Delivery> recent(String taskId, int limit);

    Optional<Delivery> delivery(String id);

    List<Attempt> attempts(String deliveryId);
}
