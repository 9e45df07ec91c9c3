package dev.agentd.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/** The names log lines carry their ids under, and the switch to JSON lines (AGENTD_LOG_FORMAT=json). */
public final class Logs {
    /** The MDC keys: set where the id is known, on the thread that does the work. */
    public static final String REQUEST_ID = "requestId";

    public static final String TASK_ID = "taskId";
    public static final String RUN_ID = "runId";

    private Logs() {}

    /** Every appender of the root logger writes {@link JsonLines} from now on. */
    public static void useJson() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonLines encoder = new JsonLines();
                encoder.setContext(context);
                encoder.start();
                appender.stop();
                appender.setEncoder(encoder);
                appender.start();
            }
        }
    }
}
