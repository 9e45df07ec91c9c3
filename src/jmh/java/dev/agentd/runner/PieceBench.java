package dev.agentd.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.api.Json;
import dev.agentd.domain.EventData;
import dev.agentd.secrets.Masker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The per-piece work before an event reaches the hub: masking secrets out of the text (none set,
 * and two set) and writing the event's JSON.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PieceBench {
    private final ObjectMapper json = Json.mapper();
    private final Masker none = new Masker(List.of(), json);
    private final Masker two = new Masker(List.of("s3cr3t-token-value", "another-secret"), json);
    private final String piece = "word ";

    @Benchmark
    public String maskNoSecrets() {
        return none.mask(piece);
    }

    @Benchmark
    public int maskTwoSecrets() {
        String text = two.mask(piece);
        return text.length() - two.pendingPrefix(text);
    }

    @Benchmark
    public String contentJson() throws JsonProcessingException {
        return json.writeValueAsString(new EventData.Content(piece, true));
    }
}
