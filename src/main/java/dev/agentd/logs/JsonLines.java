package dev.agentd.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log line: {@code time}, {@code level}, {@code logger}, {@code message}, the
 * request, task and run ids where the line has them, the line's own key-value pairs (the access
 * line's method, route, status and ms), and {@code error} with a stack trace when there is one.
 */
public final class JsonLines extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] NONE = new byte[0];

    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] encode(ILoggingEvent event) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("logger", event.getLoggerName());
            line.writeStringField("message", event.getFormattedMessage());
            for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet())
                line.writeStringField(e.getKey(), e.getValue());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (pair.value instanceof Number n) line.writeNumberField(pair.key, n.longValue());
                    else line.writeStringField(pair.key, String.valueOf(pair.value));
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) line.writeStringField("error", ThrowableProxyUtil.asString(error));
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
