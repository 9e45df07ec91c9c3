package dev.agentd.model.openai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.support.RecordingSink;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries, failures, timeouts and cancellation of the provider against a fake endpoint. */
@Timeout(60)
class OpenAiModelFailureTest {
    static final String KEY = "sk-test-secret";
    static final ModelRequest ASK = OpenAiModelTest.ask("What is the answer?");

    MockWebServer server;
    RecordingSink sink = new RecordingSink();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiModel model(Duration idleTimeout, int attempts, Duration maxDelay) {
        return new OpenAiModel(
                server.url("/v1"),
                KEY,
                "test-model",
                idleTimeout,
                new RetryPolicy(attempts, Duration.ofMillis(5), maxDelay));
    }

    OpenAiModel model() {
        return model(Duration.ofSeconds(10), 3, Duration.ofSeconds(5));
    }

    @Test
    void a429IsRetriedAfterTheDelayItsRetryAfterAsksAndTheRetryIsAnnounced() throws Exception {
        server.enqueue(new MockResponse.Builder(ProviderStream.error(429, "Rate limit reached for test-model"))
                .setHeader("Retry-After", "1")
                .build());
        server.enqueue(ProviderStream.text("Forty-two.", 10, 2));

        long started = System.nanoTime();
        ModelTurn turn = model().next(ASK, sink);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals("Forty-two.", turn.text());
        assertEquals(2, server.getRequestCount());
        assertEquals(1, sink.retries.size(), sink.retries.toString());
        String retry = sink.retries.getFirst();
        assertTrue(retry.contains("429") && retry.contains("Rate limit reached for test-model"), retry);
        assertTrue(retry.contains("retrying in 1.0 s") && retry.contains("attempt 2 of 3"), retry);
        assertTrue(elapsedMs >= 950, "Retry-After: 1 was not waited for: " + elapsedMs + " ms");
    }

    @Test
    void serverErrorsAreRetriedUntilTheAttemptsRunOutAndThenFailWithTheProvidersMessage() {
        for (int i = 0; i < 3; i++) server.enqueue(ProviderStream.error(503, "The server is overloaded"));

        ModelException e = assertThrows(ModelException.class, () -> model().next(ASK, sink));

        assertEquals(3, server.getRequestCount());
        assertEquals(2, sink.retries.size());
        assertTrue(
                e.getMessage().contains("503") && e.getMessage().contains("The server is overloaded"), e.getMessage());
    }

    @Test
    void a401FailsAtOnceWithTheProvidersMessage() {
        server.enqueue(ProviderStream.error(401, "Incorrect API key provided: sk-test-****cret."));
        server.enqueue(ProviderStream.text("never asked for", 1, 1));

        ModelException e = assertThrows(ModelException.class, () -> model().next(ASK, sink));

        assertEquals(1, server.getRequestCount());
        assertTrue(sink.retries.isEmpty());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("Incorrect API key provided: sk-test-****cret."), e.getMessage());
    }

    @Test
    void otherProviderErrorShapesStillGiveTheirMessage() {
        server.enqueue(new MockResponse.Builder()
                .code(404)
                .body("{\"error\":\"model 'llama9' not found\"}")
                .build());
        ModelException ollama = assertThrows(ModelException.class, () -> model().next(ASK, sink));
        assertTrue(ollama.getMessage().contains("model 'llama9' not found"), ollama.getMessage());

        server.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"object\":\"error\",\"message\":\"maximum context length is 8192 tokens\",\"code\":400}")
                .build());
        ModelException vllm = assertThrows(ModelException.class, () -> model().next(ASK, sink));
        assertTrue(vllm.getMessage().contains("maximum context length is 8192 tokens"), vllm.getMessage());
    }

    @Test
    void aProviderThatEchoesTheKeyInItsErrorNeverGetsItIntoTheMessage() {
        server.enqueue(ProviderStream.error(401, "Incorrect API key provided: " + KEY));

        ModelException e = assertThrows(ModelException.class, () -> model().next(ASK, sink));

        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(e.getMessage().contains("Incorrect API key provided: [redacted]"), e.getMessage());
    }

    @Test
    void aStreamCutOffAfterContentIsAModelErrorAndIsNotRetried() {
        ProviderStream stream = ProviderStream.start().content("The answer").content(" is");
        for (int i = 0; i < 20; i++) stream.content(" very");
        server.enqueue(new MockResponse.Builder(
                        stream.content(" long.").finish("stop").done().response())
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(ProviderStream.text("A retry would resend the text", 1, 1));

        ModelException e = assertThrows(ModelException.class, () -> model().next(ASK, sink));

        assertTrue(e.getMessage().contains("stream ended early"), e.getMessage());
        assertTrue(sink.text().startsWith("The answer is"), sink.text());
        assertFalse(sink.text().endsWith("long."), "the cut came before the end: " + sink.text());
        assertEquals(1, server.getRequestCount());
        assertTrue(sink.retries.isEmpty());
    }

    @Test
    void aStreamThatClosesWithoutFinishingAfterContentIsAModelError() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(ProviderStream.start().content("Half a").body())
                .build());

        ModelException e = assertThrows(ModelException.class, () -> model().next(ASK, sink));

        assertTrue(e.getMessage().contains("stream ended early"), e.getMessage());
        assertEquals("Half a", sink.text());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aStreamThatClosesBeforeAnyOutputIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(ProviderStream.start().body())
                .build());
        server.enqueue(ProviderStream.text("Whole.", 1, 1));

        assertEquals("Whole.", model().next(ASK, sink).text());
        assertEquals(2, server.getRequestCount());
        assertEquals(1, sink.retries.size());
    }

    @Test
    void aProviderSilentForLongerThanTheModelTimeoutBeforeAnyOutputIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder(ProviderStream.text("Late.", 1, 1))
                .headersDelay(3, TimeUnit.SECONDS)
                .build());
        server.enqueue(ProviderStream.text("On time.", 1, 1));

        ModelTurn turn = model(Duration.ofMillis(300), 3, Duration.ofSeconds(5)).next(ASK, sink);

        assertEquals("On time.", turn.text());
        assertEquals(1, sink.retries.size());
        assertTrue(sink.retries.getFirst().contains("model timeout"), sink.retries.getFirst());
    }

    @Test
    void aStreamThatGoesSilentAfterContentFailsOnceTheModelTimeoutPasses() {
        ProviderStream stream = ProviderStream.start().content("Thinking about it");
        for (int i = 0; i < 10; i++) stream.content(".");
        server.enqueue(new MockResponse.Builder(stream.finish("stop").done().response())
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());

        ModelException e = assertThrows(
                ModelException.class,
                () -> model(Duration.ofMillis(300), 3, Duration.ofSeconds(5)).next(ASK, sink));

        assertTrue(
                e.getMessage().contains("stream ended early") && e.getMessage().contains("model timeout"),
                e.getMessage());
        assertTrue(sink.text().startsWith("Thinking about it"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void anErrorChunkInsideTheStreamEndsTheTurnWithItsMessage() {
        server.enqueue(ProviderStream.start()
                .content("Partial")
                .raw("{\"error\":{\"message\":\"Upstream provider overloaded\",\"code\":502}}")
                .response());

        ModelException e = assertThrows(ModelException.class, () -> model().next(ASK, sink));

        assertTrue(e.getMessage().contains("Upstream provider overloaded"), e.getMessage());
    }

    @Test
    void interruptingTheRunStopsAStreamThatIsWaitingForData() throws Exception {
        ProviderStream stream = ProviderStream.start().content("Streaming");
        for (int i = 0; i < 10; i++) stream.content(".");
        server.enqueue(new MockResponse.Builder(stream.finish("stop").done().response())
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());
        OpenAiModel model = model(Duration.ofSeconds(60), 3, Duration.ofSeconds(5));

        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread run = Thread.ofVirtual().start(() -> {
            try {
                model.next(ASK, sink);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        awaitBlockedInRead(run);
        run.interrupt();

        Throwable outcome = ended.get(5, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedException.class, outcome);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void interruptingTheRunDuringTheBackoffStopsItAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder(ProviderStream.error(503, "busy"))
                .setHeader("Retry-After", "30")
                .build());
        OpenAiModel model = model(Duration.ofSeconds(10), 3, Duration.ofSeconds(60));

        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread run = Thread.ofVirtual().start(() -> {
            try {
                model.next(ASK, sink);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.retries.isEmpty());
        assertTrue(sink.retries.getFirst().contains("retrying in 30.0 s"), sink.retries.getFirst());
        run.interrupt();

        assertInstanceOf(InterruptedException.class, ended.get(5, TimeUnit.SECONDS));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void anUnreachableServerIsRetriedAndThenFailsSayingSo() throws IOException {
        OpenAiModel model = model();
        server.close();

        ModelException e = assertThrows(ModelException.class, () -> model.next(ASK, sink));

        assertTrue(e.getMessage().startsWith("The model call failed: Failed to connect"), e.getMessage());
        assertEquals(2, sink.retries.size());
    }

    /** Waits until the run has streamed what came and sits parked on the socket, so the interrupt meets the read. */
    void awaitBlockedInRead(Thread run) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.pieces.isEmpty());
        await().alias("the run stays parked")
                .during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(10))
                .until(() -> run.getState() == Thread.State.WAITING || run.getState() == Thread.State.TIMED_WAITING);
    }
}
