package dev.agentd.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 HMAC-SHA256, under the secret's key, of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}. A secret is {@code whsec_} and its key in base64.
 */
public final class Signer {
    static final String PREFIX = "whsec_";

    private final byte[] key;

    private Signer(byte[] key) {
        this.key = key;
    }

    /**
     * The signer of {@code secret}.
     *
     * @throws IllegalArgumentException saying what is wrong with it (never the secret itself)
     */
    public static Signer of(String secret) {
        if (secret == null || !secret.startsWith(PREFIX))
            throw new IllegalArgumentException("a webhook secret starts with whsec_ and goes on in base64");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret goes on in base64 after whsec_");
        }
        if (key.length < 24) throw new IllegalArgumentException("a webhook secret holds at least 24 bytes");
        return new Signer(key);
    }

    /** The {@code webhook-signature} header of a message. */
    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
