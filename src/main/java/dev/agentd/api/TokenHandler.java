package dev.agentd.api;

import dev.agentd.auth.TokenExchange;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code POST /api/v1/auth/token} (task-api.md §11): called by an app's backend, with no other credentials. */
final class TokenHandler {
    static final String PATH = "/api/v1/auth/token";

    private final TokenExchange tokens;
    private final RequestReader reader;

    TokenHandler(TokenExchange tokens, RequestReader reader) {
        this.tokens = tokens;
        this.reader = reader;
    }

    void exchange(Context ctx) {
        TokenExchange.Issued issued = tokens.exchange(reader.tokenRequest(ctx));
        ctx.json(Envelope.ok(new Token(issued.token(), issued.expiresAt())));
    }

    record Token(String token, Instant expiresAt) {}
}
