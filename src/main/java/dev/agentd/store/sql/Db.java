package dev.agentd.store.sql;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** One open connection of {@link Database}, with the DAOs attached to it once, on first use. */
public final class Db {
    private final Handle handle;
    private final Map<Class<?>, Object> attached = new HashMap<>();

    public Db(Handle handle) {
        this.handle = handle;
    }

    /** The DAO {@code type} on this connection. */
    public <T> T attach(Class<T> type) {
        return type.cast(attached.computeIfAbsent(type, handle::attach));
    }

    /** The Jdbi handle, for statements outside the DAOs. */
    public Handle handle() {
        return handle;
    }
}
