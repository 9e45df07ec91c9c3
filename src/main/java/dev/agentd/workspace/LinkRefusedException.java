package dev.agentd.workspace;

import java.nio.file.FileSystemException;

/** A workspace path that goes through a link: server-side access never follows one. */
public final class LinkRefusedException extends FileSystemException {
    public LinkRefusedException(String name) {
        super(name, null, "is a link; links in the workspace are not followed");
    }
}
