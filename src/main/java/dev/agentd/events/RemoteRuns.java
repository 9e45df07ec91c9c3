package dev.agentd.events;

import dev.agentd.cluster.Cluster;
import dev.agentd.domain.Event;
import dev.agentd.store.Store;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams of runs that another node executes: each starts from a read of the store as of one
 * moment, and is given what is committed after it as the other nodes' notices come, up to and with
 * the run's terminal event. A notice only says that there is something new; the events come from
 * the table, so a lost notice costs nothing once the next one (or a reconnect) comes.
 */
final class RemoteRuns implements Cluster.Notices {
    /** What a stream of a run on another node starts from: history length, last event read, backlog. */
    record Cut(int messages, long last, List<Event> backlog) {}

    /** A stream and the last event it was given. */
    private static final class Follower {
        final Subscription sub;
        long last;

        Follower(Subscription sub, long last) {
            this.sub = sub;
            this.last = last;
        }
    }

    private final Store store;
    private final ConcurrentHashMap<String, Set<Follower>> following = new ConcurrentHashMap<>();

    RemoteRuns(Store store) {
        this.store = store;
    }

    /**
     * Where a stream of the task starts: with {@code after == null} the current run's events (none
     * yet when the last run found has ended: its successor is pending), else every event after it.
     * Null when the task is not busy.
     */
    Cut cut(String taskId, Long after) {
        return store.snapshot(s -> {
            if (s.tasks().find(taskId).filter(t -> t.status().busy()).isEmpty()) return null;
            if (after != null) {
                List<Event> events = s.events().between(taskId, after, Long.MAX_VALUE);
                return new Cut(0, events.isEmpty() ? after : events.getLast().seq(), events);
            }
            List<Event> events = s.events().ofRun(taskId, s.runs().last(taskId));
            long last = events.isEmpty() ? 0 : events.getLast().seq();
            if (!events.isEmpty() && events.getLast().terminal()) events = List.of();
            return new Cut(s.messages().count(taskId), last, events);
        });
    }

    /** Feeds {@code sub} every event of the task after {@code last}, starting with what is committed already. */
    void follow(String taskId, Subscription sub, long last) {
        Follower follower = new Follower(sub, last);
        following.compute(taskId, (id, set) -> {
            Set<Follower> followers = set != null ? set : ConcurrentHashMap.newKeySet();
            followers.add(follower);
            return followers;
        });
        // what was committed between the cut and now, whose notices came before this follower
        catchUp(taskId);
    }

    /** Stops feeding {@code sub}; false when it is not a stream of a run elsewhere. */
    boolean forget(String taskId, Subscription sub) {
        Set<Follower> followers = following.get(taskId);
        if (followers == null || !followers.removeIf(f -> f.sub == sub)) return false;
        forgetIfNone(taskId);
        return true;
    }

    /** Ends every stream (server shutdown). */
    void closeAll() {
        for (Set<Follower> followers : following.values()) {
            for (Follower f : followers) f.sub.deliver(Subscription.CLOSED);
        }
        following.clear();
    }

    @Override
    public void appended(String taskId, long seq) {
        catchUp(taskId);
    }

    @Override
    public void reconnected() {
        following.keySet().forEach(this::catchUp);
    }

    /** Gives each follower of the task the events committed after its last, up to and with a terminal one. */
    private void catchUp(String taskId) {
        Set<Follower> followers = following.get(taskId);
        if (followers == null) return;
        for (Follower f : followers) {
            synchronized (f) {
                for (Event e : store.events().between(taskId, f.last, Long.MAX_VALUE)) {
                    f.sub.deliver(e);
                    f.last = e.seq();
                    if (e.terminal()) {
                        followers.remove(f);
                        break;
                    }
                }
            }
        }
        forgetIfNone(taskId);
    }

    private void forgetIfNone(String taskId) {
        following.computeIfPresent(taskId, (id, set) -> set.isEmpty() ? null : set);
    }
}
