package dev.agentd.auth;

import dev.agentd.domain.Times;
import dev.agentd.domain.WidgetApp;
import dev.agentd.errors.ApiException;
import dev.agentd.store.AppStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Widget apps of projects: created with their secret shown once, their allowed origins, revoked. */
public final class WidgetApps {
    private final AppStore store;

    public WidgetApps(AppStore store) {
        this.store = store;
    }

    /** A new app; {@code secret} is shown once and stored only as a hash. */
    public record Created(WidgetApp app, String secret) {}

    /**
     * Creates an app of project {@code projectId}.
     *
     * @throws IllegalArgumentException for a blank name or an origin that is not one
     */
    public Created create(String projectId, String name, List<String> origins) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an app needs a name");
        LinkedHashSet<String> allowed = new LinkedHashSet<>();
        for (String o : origins) allowed.add(origin(o));
        String secret = "appsecret_" + Secrets.randomHex(32);
        WidgetApp app = new WidgetApp(
                "app_" + Secrets.randomHex(12), projectId, name.strip(), List.copyOf(allowed), Times.now(), null);
        store.add(app, Secrets.sha256(secret));
        return new Created(app, secret);
    }

    /**
     * The active app whose credentials these are.
     *
     * @throws ApiException 401 INVALID_CREDENTIALS for an unknown or revoked app, or a wrong secret
     */
    public WidgetApp verify(String appId, String secret) {
        Optional<String> hash = store.secretHash(appId);
        boolean matches = hash.isPresent() && Secrets.sameHash(hash.get(), Secrets.sha256(secret));
        return store.find(appId)
                .filter(app -> matches && app.active())
                .orElseThrow(() -> ApiException.unauthorized("INVALID_CREDENTIALS", "Invalid app id or app secret"));
    }

    /** The app if it exists and is not revoked. */
    public Optional<WidgetApp> active(String appId) {
        return store.find(appId).filter(WidgetApp::active);
    }

    public List<WidgetApp> list() {
        return store.all();
    }

    public boolean revoke(String appId) {
        return store.revoke(appId, Times.now());
    }

    /** Adds an allowed origin; false when the app does not exist. */
    public boolean allow(String appId, String origin) {
        String o = origin(origin);
        if (store.find(appId).isEmpty()) return false;
        store.addOrigin(appId, o);
        return true;
    }

    /** Removes an allowed origin; false when the app did not allow it. */
    public boolean disallow(String appId, String origin) {
        return store.removeOrigin(appId, origin(origin));
    }

    /** Whether some active app allows {@code origin} (a preflight may be answered for it). */
    public boolean anyAllows(String origin) {
        return store.anyAllows(origin);
    }

    /**
     * An origin as browsers send it: {@code http(s)://host[:port]}, lowercase, no path.
     *
     * @throws IllegalArgumentException when {@code raw} is not one
     */
    public static String origin(String raw) {
        try {
            URI u = new URI(raw == null ? "" : raw.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty())
                    && u.getRawQuery() == null
                    && u.getRawFragment() == null
                    && u.getRawUserInfo() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && bare) {
                return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT)
                        + (u.getPort() < 0 ? "" : ":" + u.getPort());
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "'" + raw + "' is not an origin: give scheme, host and port only, as https://shop.example");
    }
}
