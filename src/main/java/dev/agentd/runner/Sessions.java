package dev.agentd.runner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions, by task id. */
public final class Sessions {
    private final Map<String, Session> byTask = new ConcurrentHashMap<>();

    public Optional<Session> get(String taskId) {
        return Optional.ofNullable(byTask.get(taskId));
    }

    public void put(String taskId, Session session) {
        byTask.put(taskId, session);
    }

    public Map<String, Session> all() {
        return byTask;
    }

    /** Closes what every session holds outside the server, on shutdown. */
    void closeAll() {
        byTask.values().forEach(Session::close);
    }
}
