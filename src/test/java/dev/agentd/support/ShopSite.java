package dev.agentd.support;

import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A website that embeds the widget, as a shop would: a page with agentd's two script tags, and a
 * backend route that trades the shop's widget-app credentials for a short token for the page's user.
 */
public final class ShopSite implements AutoCloseable {
    private final Javalin server;
    private final AtomicInteger tokensServed = new AtomicInteger();
    private final Supplier<TestServer> agentd;
    private volatile TestServer.AppCredentials app;

    /** {@code agentd} is asked anew each time, so that a test may restart it. */
    public ShopSite(Supplier<TestServer> agentd, String tokenLifetime) {
        this.agentd = agentd;
        this.server = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.jetty.host = "127.0.0.1";
                    c.routes.get("/shop/{user}", ctx -> ctx.html(page(ctx.pathParam("user"))));
                    c.routes.post("/token/{user}", ctx -> ctx.json(exchange(ctx.pathParam("user"), tokenLifetime)));
                })
                .start(0);
    }

    /** The shop's own origin, the one its widget app allows. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The same site under a name its widget app does not allow. */
    public String otherOrigin() {
        return "http://localhost:" + server.port();
    }

    public void useApp(TestServer.AppCredentials app) {
        this.app = app;
    }

    public int tokensServed() {
        return tokensServed.get();
    }

    private String page(String user) {
        return """
                <!doctype html>
                <html><head><title>Shop</title>
                <style>button, div, textarea { background: rgb(255, 0, 0) !important; font-size: 40px !important; }</style>
                </head><body><h1>Shop</h1>
                <script src="%s"></script>
                <script>
                  AgentdWidget.init({
                    getToken: () => fetch('/token/%s', { method: 'POST' }).then((r) => r.json()),
                    autoExecute: false,
                  });
                </script>
                </body></html>
                """.formatted(agentd.get().url("/widget.js"), user);
    }

    private String exchange(String user, String lifetime) {
        tokensServed.incrementAndGet();
        return agentd.get()
                .exchange(app, user, Map.of("expiresIn", lifetime))
                .data()
                .toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
