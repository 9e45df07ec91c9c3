package dev.agentd.workspace;

import java.io.IOException;
import java.io.InputStream;

/** One uploaded file as the request delivered it: its name and a way to read its bytes once. */
public record Upload(String filename, long size, Opener content) {
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
