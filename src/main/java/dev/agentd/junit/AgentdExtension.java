package dev.agentd.junit;

import dev.agentd.Agentd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a started agentd on a fresh data dir: declare a parameter of type {@link Agentd}. A
 * test method's parameter gets a server of its own, stopped and deleted after the method; a
 * parameter of a static {@code @BeforeAll} method gets one server for the whole class (and its
 * methods asking for one then get that one).
 *
 * <pre>{@code
 * @ExtendWith(AgentdExtension.class)
 * class MyClientTest {
 *     @Test
 *     void createsATask(Agentd agentd) { ... agentd.baseUrl() ... agentd.apiKey() ... }
 * }
 * }</pre>
 *
 * Register {@code new AgentdExtension(b -> b.model("script:dev.json"))} with
 * {@code @RegisterExtension} to change its settings.
 */
public final class AgentdExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AgentdExtension.class);

    private final Consumer<Agentd.Builder> configure;

    public AgentdExtension() {
        this(builder -> {});
    }

    /** Servers built with {@code configure} applied to the builder (after their data dir is set). */
    public AgentdExtension(Consumer<Agentd.Builder> configure) {
        this.configure = configure;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Agentd.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .computeIfAbsent(Started.class, k -> start(), Started.class)
                .agentd();
    }

    private Started start() {
        try {
            Path dir = Files.createTempDirectory("agentd-test-");
            Agentd.Builder builder = Agentd.builder().dataDir(dir);
            configure.accept(builder);
            return new Started(builder.start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server and its data dir, both gone when the test or class that asked for it ends. */
    private record Started(Agentd agentd, Path dir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            agentd.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
