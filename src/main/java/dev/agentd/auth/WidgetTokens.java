package dev.agentd.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.store.SigningKeyStore;
import java.security.Key;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Widget tokens: HS256 JWTs signed with a 256-bit key kept in the database under a key id, so that
 * every node of one database signs and verifies alike and a key can be rotated (a retired key still
 * verifies the tokens it signed). Issuer {@value #ISSUER}, audience the app, subject the end user,
 * the grant's id as the token id.
 */
public final class WidgetTokens {
    static final String ISSUER = "agentd";

    /** What a valid token says. */
    public record Claims(String appId, String endUserId, String grantId, Instant expiresAt) {}

    private final SigningKeyStore store;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private volatile SigningKeyStore.SigningKey active;

    public WidgetTokens(SigningKeyStore store) {
        this.store = store;
        store.addIfNoneActive(
                new SigningKeyStore.SigningKey(Secrets.randomHex(8), Secrets.random(32), Times.now(), null));
        reload();
        processor.setJWSKeySelector((header, context) -> {
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getKeyID() == null) return List.of();
            byte[] secret = keys.get(header.getKeyID());
            if (secret == null) {
                reload(); // a key another node made since
                secret = keys.get(header.getKeyID());
            }
            return secret == null ? List.<Key>of() : List.<Key>of(new SecretKeySpec(secret, "HmacSHA256"));
        });
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "aud", "exp", "iat", "jti"));
        claims.setMaxClockSkew(5);
        processor.setJWTClaimsSetVerifier(claims);
    }

    private void reload() {
        for (SigningKeyStore.SigningKey k : store.all()) {
            keys.put(k.id(), k.secret());
            if (k.retiredAt() == null) active = k;
        }
    }

    /** A token for {@code endUserId} of app {@code appId}, valid from {@code issuedAt} to {@code expiresAt}, with the grant's id. */
    public String issue(String appId, String endUserId, String grantId, Instant issuedAt, Instant expiresAt) {
        SigningKeyStore.SigningKey key = active;
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(appId)
                .subject(endUserId)
                .jwtID(grantId)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(key.id())
                        .build(),
                claims);
        try {
            jwt.sign(new MACSigner(key.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * What {@code token} says, once its signature, issuer, times and claims are checked.
     *
     * @throws ApiException 401 INVALID_TOKEN for a forged, expired, not yet valid, unsigned or malformed one
     */
    public Claims verify(String token) {
        try {
            JWTClaimsSet c = processor.process(token, null);
            if (c.getAudience().size() != 1) throw new BadJWTException("one audience expected");
            return new Claims(
                    c.getAudience().getFirst(),
                    c.getSubject(),
                    c.getJWTID(),
                    c.getExpirationTime().toInstant());
        } catch (ExpiredJWTException e) {
            throw ApiException.unauthorized("INVALID_TOKEN", "The token has expired; get a new one");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw ApiException.unauthorized("INVALID_TOKEN", "Invalid token");
        }
    }
}
