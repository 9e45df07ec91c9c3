package dev.agentd.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The cost of writing one live content event as an SSE frame and flushing it (task-api.md §9). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseFramesBench {
    private final SseFrames frames = new SseFrames(OutputStream.nullOutputStream());
    private long seq;

    @Benchmark
    public void contentFrame() throws IOException {
        frames.event("content", "{\"text\":\"word \",\"isPartial\":true}", ++seq);
        frames.flush();
    }
}
