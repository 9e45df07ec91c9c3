package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import java.io.IOException;

/**
 * One task created and its stream read until the server closes it, as a client does: the moment
 * the client knows the run has finished is its {@code done} event, or, when the run had already
 * finished before the stream opened, the {@code history_done} that says it is not streaming.
 */
public record FollowedRun(String taskId, long startNanos, long doneNanos, boolean live, String answer) {
    public long latencyNanos() {
        return doneNanos - startNanos;
    }

    /** Whether the run ended and its answer (the done event's data, or the replayed assistant message) holds {@code expected}. */
    public boolean answered(String expected) {
        return doneNanos > 0 && answer != null && answer.contains(expected);
    }

    public static FollowedRun of(ApiClient client, String message) throws IOException {
        return of(client, client, message);
    }

    /** Created through {@code creator}, streamed through {@code follower} (another node, say). */
    public static FollowedRun of(ApiClient creator, ApiClient client, String message) throws IOException {
        long start = System.nanoTime();
        String id = creator.create(message);
        long[] done = {0};
        boolean[] live = {false};
        String[] answer = {null};
        client.stream(id, null, f -> {
            if (f.is("done")) {
                done[0] = System.nanoTime();
                live[0] = true;
                answer[0] = f.data();
            } else if (f.is("history_message") && f.data().contains("\"role\":\"assistant\"")) {
                answer[0] = f.data();
            } else if (f.is("history_done") && f.data().contains("\"isStreaming\":false")) {
                done[0] = System.nanoTime();
            }
            return true;
        });
        return new FollowedRun(id, start, done[0], live[0], answer[0]);
    }
}
