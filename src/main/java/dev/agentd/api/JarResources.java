package dev.agentd.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the jar carries for the pages it serves. */
final class JarResources {
    private JarResources() {}

    /** The bytes of {@code name}; IllegalStateException when the jar lacks it. */
    static byte[] bytes(String name) {
        try (InputStream in = JarResources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the jar has no " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
