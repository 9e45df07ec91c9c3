package dev.agentd.webhooks;

import dev.agentd.config.ConfigException;
import dev.agentd.domain.Times;
import dev.agentd.net.PublicAddresses;
import dev.agentd.settings.ProjectSettings;
import dev.agentd.settings.Settings;
import dev.agentd.store.Store;
import dev.agentd.store.WebhookStore.Attempt;
import dev.agentd.store.WebhookStore.Delivery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: due deliveries are leased, posted signed (Standard Webhooks) with a timeout
 * per attempt, and recorded; a failed attempt is tried again later, waiting twice as long each
 * time, until {@link #MAX_ATTEMPTS}. What was due at a stop is due again at the next start.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    static final int MAX_ATTEMPTS = 12;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int AT_ONCE = 16;
    private static final MediaType JSON = MediaType.get("application/json");

    /** What one attempt of a delivery leads to. */
    enum Result {
        DELIVERED,
        RETRY,
        GAVE_UP;

        String status() {
            return switch (this) {
                case DELIVERED -> "delivered";
                case RETRY -> "pending";
                case GAVE_UP -> "failed";
            };
        }
    }

    private final Store store;
    private final Settings settings;
    private final Signer serverSigner;
    private final OkHttpClient http;
    private final Duration timeout;
    private final Duration firstRetry;
    private final Semaphore sending = new Semaphore(AT_ONCE);
    private final Thread thread;

    /**
     * Starts delivering. {@code serverSecret}: AGENTD_WEBHOOK_SECRET, or null; {@code firstRetry}:
     * the wait after a first failed attempt.
     *
     * @throws ConfigException when the server's secret is not a webhook secret
     */
    public WebhookSender(
            Store store,
            Settings settings,
            String serverSecret,
            PublicAddresses addresses,
            Duration timeout,
            Duration firstRetry) {
        this.store = store;
        this.settings = settings;
        try {
            this.serverSigner = serverSecret == null ? null : Signer.of(serverSecret);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("AGENTD_WEBHOOK_SECRET: " + e.getMessage());
        }
        this.http = WebhookClient.create(addresses, timeout);
        this.timeout = timeout;
        this.firstRetry = firstRetry;
        this.thread = Thread.ofVirtual().name("webhooks").start(this::loop);
    }

    private void loop() {
        while (true) {
            try {
                int free = sending.availablePermits();
                if (free > 0) {
                    Instant now = Times.now();
                    // the lease outlasts an attempt: no other loop takes it meanwhile
                    for (Delivery d : store.webhooks().claim(now, now.plus(timeout.multipliedBy(2)), free)) {
                        sending.acquire();
                        Thread.ofVirtual().name("webhook-" + d.id()).start(() -> {
                            try {
                                attempt(d);
                            } finally {
                                sending.release();
                            }
                        });
                    }
                }
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("webhook outbox could not be read: {}", e.getMessage());
                try {
                    Thread.sleep(POLL.multipliedBy(8));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Posts {@code d} once and records how it went. */
    void attempt(Delivery d) {
        int number = d.attempts() + 1;
        Instant at = Times.now();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        Result result;
        Signer signer = signer(d);
        if (signer == null) {
            error = "no secret signs this delivery: set AGENTD_WEBHOOK_SECRET or the project's webhookSecret";
            result = Result.GAVE_UP;
        } else {
            try (Response response = http.newCall(request(d, signer, at)).execute()) {
                status = response.code();
                result = response.isSuccessful() ? Result.DELIVERED : Result.RETRY;
                if (!response.isSuccessful()) error = "HTTP " + status;
            } catch (IOException | RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                result = Result.RETRY;
            }
        }
        if (result == Result.RETRY && number >= MAX_ATTEMPTS) result = Result.GAVE_UP;
        long ms = (System.nanoTime() - started) / 1_000_000;
        Instant next = result == Result.RETRY ? Times.now().plus(wait(number)) : at;
        store.webhooks().attempted(new Attempt(d.id(), number, at, d.url(), status, error, ms), result.status(), next);
        switch (result) {
            case DELIVERED ->
                log.info("webhook {} {} of task {} delivered (attempt {})", d.id(), d.type(), d.taskId(), number);
            case RETRY ->
                log.info(
                        "webhook {} of task {} failed ({}); attempt {} at {}",
                        d.id(),
                        d.taskId(),
                        error,
                        number + 1,
                        next);
            case GAVE_UP ->
                log.warn("webhook {} of task {} given up after attempt {}: {}", d.id(), d.taskId(), number, error);
        }
    }

    private Request request(Delivery d, Signer signer, Instant at) {
        long timestamp = at.getEpochSecond();
        return new Request.Builder()
                .url(d.url())
                .header("webhook-id", d.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(d.id(), timestamp, d.body()))
                .header("User-Agent", "agentd-webhooks")
                .post(RequestBody.create(d.body(), JSON))
                .build();
    }

    /** The project's own secret's signer, else the server's; null when neither is set. */
    private Signer signer(Delivery d) {
        ProjectSettings project = settings.of(d.projectId());
        if (project.webhookSecret() != null) return Signer.of(project.webhookSecret());
        return serverSigner;
    }

    /** The wait after failed attempt {@code number}: the first retry's wait, doubled each time, at most an hour. */
    Duration wait(int number) {
        Duration d = firstRetry.multipliedBy(1L << Math.min(number - 1, 20));
        return d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d;
    }

    /** Stops taking deliveries; those under way are recorded when they end or are due again after their lease. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
