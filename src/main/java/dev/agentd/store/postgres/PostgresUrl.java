package dev.agentd.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * AGENTD_DATABASE_URL read as the JDBC URL of the driver plus the credentials it carried: a libpq
 * URI ({@code postgresql://user:password@host:5432/db?sslmode=require}) or a JDBC one
 * ({@code jdbc:postgresql://host/db?user=...}). Credentials in a libpq URI are taken out of the URL,
 * so that the URL may be shown; {@link #toString} never shows the password.
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
    public static PostgresUrl parse(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) return new PostgresUrl(url, user, password);
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "AGENTD_DATABASE_URL must start with postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("AGENTD_DATABASE_URL is not a URL: " + e.getReason());
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("AGENTD_DATABASE_URL names no host");
        String fromUrl = uri.getRawUserInfo();
        if (fromUrl != null) {
            int colon = fromUrl.indexOf(':');
            String u = decode(colon < 0 ? fromUrl : fromUrl.substring(0, colon));
            if (!u.isEmpty()) user = u;
            if (colon >= 0) password = decode(fromUrl.substring(colon + 1));
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresUrl(jdbc, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
