package dev.agentd.bench.tools;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests per second of a plain GET, measured by wrk with kept-alive connections. */
public final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private Wrk() {}

    public static boolean available() {
        return Tools.onPath("wrk");
    }

    public static double requestsPerSecond(String url, int connections, int seconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", url)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) p.destroyForcibly();
        Matcher m = RATE.matcher(out);
        if (!m.find()) throw new IOException("no rate in wrk output: " + out);
        if (out.contains("Non-2xx")) throw new IOException("wrk saw failed requests: " + out);
        return Double.parseDouble(m.group(1));
    }
}
