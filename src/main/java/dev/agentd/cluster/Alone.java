package dev.agentd.cluster;

import java.util.Set;
import java.util.function.Consumer;

/** The cluster of a node alone on its database (SQLite). */
enum Alone implements Cluster {
    INSTANCE;

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String nodeId() {
        return "alone";
    }

    @Override
    public Holder holder(String taskId, boolean take) {
        return HERE;
    }

    @Override
    public void hold(String taskId) {}

    @Override
    public void release(String taskId) {}

    @Override
    public void join(Consumer<Set<String>> inherit, Notices notices) {}

    @Override
    public void advertise(String url) {}

    @Override
    public void close() {}
}
