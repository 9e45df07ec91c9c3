package dev.agentd.bench.servers;

import io.javalin.Javalin;

/**
 * The floor under agentd's start-up time and idle memory: a bare Javalin 7 hello-world with the
 * same settings agentd uses (virtual threads, loopback host), run from the same jar.
 * {@code java -cp agentd.jar:… HelloJavalin PORT}.
 */
public final class HelloJavalin {
    private HelloJavalin() {}

    public static void main(String[] args) {
        Javalin app = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.concurrency.useVirtualThreads = true;
                    c.jetty.host = "127.0.0.1";
                    c.routes.get("/health", ctx -> ctx.result("{\"status\":\"ok\"}"));
                })
                .start(Integer.parseInt(args[0]));
        System.out.println("listening on http://127.0.0.1:" + app.port());
    }
}
