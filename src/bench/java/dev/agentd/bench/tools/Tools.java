package dev.agentd.bench.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks up the command-line tools the harness can use. */
final class Tools {
    private Tools() {}

    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }
}
