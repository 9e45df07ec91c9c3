package dev.agentd.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/**
 * What the server counts, for {@code GET /metrics} in Prometheus's text format. One per server (tests
 * start many in one JVM, so never the client's default registry). Labels are closed sets or names an
 * operator chose (routes, tools, providers), never task ids or paths.
 */
public final class Metrics {
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};
    private static final double[] LONG_SECONDS = {0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter requests =
            counter("agentd_http_requests", "HTTP requests answered", "method", "route", "status");
    private final Histogram requestSeconds = histogram(
            "agentd_http_request_duration_seconds",
            "Time to answer an HTTP request (streams are counted, not timed)",
            SECONDS,
            "method",
            "route",
            "status");
    private final Counter runsStarted = counter("agentd_runs_started", "Runs started or resumed");
    private final Counter runsEnded = counter("agentd_runs_ended", "Runs ended, by how", "outcome");
    private final Histogram runSeconds =
            histogram("agentd_run_duration_seconds", "Time from a run's start to its end", LONG_SECONDS, "outcome");
    private final Counter events = counter("agentd_events_written", "Stream events committed to the store");
    private final Histogram batchSize = histogram(
            "agentd_event_batch_size",
            "Events and writes committed in one transaction of the event writer",
            new double[] {1, 2, 5, 10, 25, 50, 100, 250, 500});
    private final Histogram commitSeconds =
            histogram("agentd_event_commit_duration_seconds", "Time to commit one batch of the event writer", SECONDS);
    private final Counter modelCalls =
            counter("agentd_model_calls", "Model turns asked for, by provider and outcome", "provider", "outcome");
    private final Histogram modelSeconds = histogram(
            "agentd_model_call_duration_seconds", "Time a model turn took, retries included", SECONDS, "provider");
    private final Counter modelRetries = counter("agentd_model_retries", "Model calls tried again", "provider");
    private final Counter modelTokens = counter("agentd_model_tokens", "Tokens of model turns", "provider", "kind");
    private final Counter toolCalls =
            counter("agentd_tool_calls", "Tool calls ended, by tool and status", "tool", "status");
    private final Histogram toolSeconds =
            histogram("agentd_tool_call_duration_seconds", "Time a tool call ran", SECONDS, "tool");
    private final Counter uploads = counter("agentd_uploaded_files", "Files uploaded with tasks and follow-ups");
    private final Counter zipEntries = counter("agentd_zip_entries", "Files extracted from uploaded ZIP archives");

    /** The server's metrics, with the JVM's and the process's. */
    public static Metrics withJvm() {
        Metrics metrics = new Metrics();
        JvmMetrics.builder().register(metrics.registry);
        return metrics;
    }

    /** The samples of everything counted, in Prometheus's text format. */
    public byte[] scrape() {
        var out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }

    /** A gauge read when scraped: open streams, active runs, Jetty's threads. */
    public void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> cb.call(value.getAsInt()))
                .register(registry);
    }

    /** An answered request; {@code seconds} null for a stream, which is counted but not timed. */
    public void request(String method, String route, int status, Double seconds) {
        String code = Integer.toString(status);
        requests.labelValues(method, route, code).inc();
        if (seconds != null) requestSeconds.labelValues(method, route, code).observe(seconds);
    }

    public void runStarted() {
        runsStarted.inc();
    }

    /** A run's end: {@code outcome} is its status on the wire (completed, failed, cancelled, interrupted…). */
    public void runEnded(String outcome, double seconds) {
        runsEnded.labelValues(outcome).inc();
        runSeconds.labelValues(outcome).observe(seconds);
    }

    /** One commit of the event writer: {@code events} stream events among {@code items} things written. */
    public void committed(int events, int items, double seconds) {
        this.events.inc(events);
        batchSize.observe(items);
        commitSeconds.observe(seconds);
    }

    /** A model turn asked for: {@code outcome} ok or error; tokens as the provider counted them. */
    public void modelCall(String provider, String outcome, double seconds, long promptTokens, long completionTokens) {
        modelCalls.labelValues(provider, outcome).inc();
        modelSeconds.labelValues(provider).observe(seconds);
        if (promptTokens > 0) modelTokens.labelValues(provider, "prompt").inc(promptTokens);
        if (completionTokens > 0)
            modelTokens.labelValues(provider, "completion").inc(completionTokens);
    }

    public void modelRetry(String provider) {
        modelRetries.labelValues(provider).inc();
    }

    /** A tool call's end; {@code seconds} null when it never ran (declined or cut off). */
    public void toolCall(String tool, String status, Double seconds) {
        toolCalls.labelValues(tool, status).inc();
        if (seconds != null) toolSeconds.labelValues(tool).observe(seconds);
    }

    /** Files accepted with a request: {@code files} in all, {@code extracted} of them out of ZIPs. */
    public void uploaded(int files, int extracted) {
        uploads.inc(files);
        if (extracted > 0) zipEntries.inc(extracted);
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Histogram histogram(String name, String help, double[] bounds, String... labels) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .labelNames(labels)
                .classicUpperBounds(bounds)
                .classicOnly()
                .register(registry);
    }
}
