package dev.agentd.store;

import dev.agentd.domain.WidgetApp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Widget apps with their allowed origins; their secrets only as hashes. */
public interface AppStore {
    void add(WidgetApp app, String secretHash);

    Optional<WidgetApp> find(String id);

    /** The hash of the app's secret, if the app exists. */
    Optional<String> secretHash(String id);

    List<WidgetApp> all();

    /** Revokes an active app; false when there is none with that id. */
    boolean revoke(String id, Instant at);

    /** Adds an allowed origin; false when it was there already. */
    boolean addOrigin(String appId, String origin);

    /** Removes an allowed origin; false when it was not there. */
    boolean removeOrigin(String appId, String origin);

    /** Whether any active app allows {@code origin}. */
    boolean anyAllows(String origin);
}
