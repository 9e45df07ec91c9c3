package dev.agentd.workspace;

import java.nio.file.FileSystemException;

/** A path that would leave the workspace ({@code ..} above the root, a drive letter, a NUL). */
public final class OutsideWorkspaceException extends FileSystemException {
    public OutsideWorkspaceException(String path) {
        super(path, null, "is outside the workspace; paths are relative to the workspace root");
    }
}
