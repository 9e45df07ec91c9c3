package dev.agentd.workspace;

/** The per-task disk quota (AGENTD_WORKSPACE_QUOTA). */
public final class Quota {
    private final long limit;

    public Quota(long limit) {
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Whether {@code adding} more bytes (net) still fit in the workspace. */
    public boolean fits(Workspace workspace, long adding) {
        return workspace.used() + adding <= limit;
    }
}
