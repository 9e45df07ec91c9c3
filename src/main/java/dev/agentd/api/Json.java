package dev.agentd.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.agentd.domain.Times;
import java.io.IOException;
import java.time.Instant;

/** The JSON mapper of the API: instants as ISO-8601 UTC with milliseconds, one line per document. */
public final class Json {
    private Json() {}

    public static ObjectMapper mapper() {
        SimpleModule times = new SimpleModule("agentd-times");
        times.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Times.format(value));
            }
        });
        // Jackson's default buffer pool is per thread; every virtual thread is new, so each event
        // written would allocate fresh buffers. A shared pool hands them back and forth instead.
        JsonFactory factory = JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                .build();
        // a body is one JSON document: trailing data or a repeated key is an error, not a guess
        return new ObjectMapper(factory)
                .registerModule(times)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    }
}
