package dev.agentd.workspace;

import java.io.IOException;
import java.nio.file.Path;

/** One uploaded file as the request delivered it: its name and a way to store its bytes once. */
public record Upload(String filename, Saver content) {
    @FunctionalInterface
    public interface Saver {
        /** Puts the bytes at {@code target}, an absolute path that does not exist yet. */
        void saveTo(Path target) throws IOException;
    }
}
