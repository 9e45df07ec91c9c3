package dev.agentd.webhooks;

import dev.agentd.net.PublicAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The HTTP client of webhook deliveries: it connects only where {@link PublicAddresses} allows, on
 * every hop: names are resolved to the allowed addresses alone (so what is checked is what is
 * reached, whatever the name resolves to next time), and every connection, an address in the URL or
 * a redirect's among them, is checked again before the request is written.
 */
final class WebhookClient {
    private WebhookClient() {}

    static OkHttpClient create(PublicAddresses addresses, Duration timeout) {
        return new OkHttpClient.Builder()
                .dns(addresses::connectable)
                .addNetworkInterceptor(chain -> {
                    InetAddress to = chain.connection().route().socketAddress().getAddress();
                    if (!addresses.allows(to)) {
                        throw new IOException("refused: " + to.getHostAddress()
                                + " is a loopback, private or link-local address (set AGENTD_WEBHOOK_ALLOW_PRIVATE=true "
                                + "to allow them)");
                    }
                    return chain.proceed(chain.request());
                })
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
    }
}
