package com.aftersales.shared.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token memory: reuse within a token's life, never past its expiry or the maximum age, never failures. */
class CachingJwtParserTest {

    static final long NOW = 1_800_000_000L;

    /** Stands in for smallrye-jwt: "ok-<exp>" verifies with that expiry, anything else fails. */
    static final class Verifier extends DefaultJWTParser {
        final AtomicInteger calls = new AtomicInteger();
        String use = "access";

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.incrementAndGet();
            if (!token.startsWith("ok-")) {
                throw new ParseException("bad signature");
            }
            long exp = Long.parseLong(token.substring(3));
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return "user";
                }

                @Override
                public Set<String> getClaimNames() {
                    return Set.of("exp", "client_id", "token_use");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String name) {
                    return switch (name) {
                        case "exp" -> (T) Long.valueOf(exp);
                        case "client_id" -> (T) "app";
                        case "token_use" -> (T) use;
                        default -> null;
                    };
                }
            };
        }
    }

    static CachingJwtParser parser(Verifier verifier, long epochSecond) {
        CachingJwtParser parser = new CachingJwtParser();
        parser.delegate = verifier;
        parser.acceptance = TokenAcceptance.of(java.util.List.of("app"), "token_use", java.util.List.of("access"));
        parser.clock = Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
        return parser;
    }

    @Test
    void aVerifiedTokenIsReusedUntilItExpires() throws Exception {
        Verifier verifier = new Verifier();
        CachingJwtParser parser = parser(verifier, NOW);
        String token = "ok-" + (NOW + 100);
        JsonWebToken first = parser.parse(token);
        assertThat(parser.parse(token)).isSameAs(first);
        assertThat(verifier.calls).hasValue(1);
        parser.clock = Clock.fixed(Instant.ofEpochSecond(NOW + 99), ZoneOffset.UTC);
        parser.parse(token);
        assertThat(verifier.calls).hasValue(1);
        // At its expiry the token goes back to the verifier (which decides about clock skew and rejects it in time).
        parser.clock = Clock.fixed(Instant.ofEpochSecond(NOW + 100), ZoneOffset.UTC);
        parser.parse(token);
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        Verifier verifier = new Verifier();
        CachingJwtParser parser = parser(verifier, NOW);
        String token = "ok-" + (NOW + 86_400);
        parser.parse(token);
        parser.clock = Clock.fixed(Instant.ofEpochSecond(NOW + CachingJwtParser.MAX_AGE_SECONDS), ZoneOffset.UTC);
        parser.parse(token);
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void aRejectedTokenIsNeverRemembered() {
        Verifier verifier = new Verifier();
        CachingJwtParser parser = parser(verifier, NOW);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> parser.parse("forged")).isInstanceOf(ParseException.class);
        }
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void aVerifiedIdTokenIsRefusedAndNeverRemembered() {
        Verifier verifier = new Verifier();
        verifier.use = "id";
        CachingJwtParser parser = parser(verifier, NOW);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> parser.parse("ok-" + (NOW + 100))).isInstanceOf(ParseException.class);
        }
        assertThat(verifier.calls).hasValue(2);
        assertThat(parser.size()).isZero();
    }

    @Test
    void theMemoryStaysBounded() throws Exception {
        Verifier verifier = new Verifier();
        CachingJwtParser parser = parser(verifier, NOW);
        for (int i = 0; i <= CachingJwtParser.MAX_ENTRIES; i++) {
            parser.parse("ok-" + (NOW + 1000 + i));
        }
        assertThat(parser.size()).isLessThanOrEqualTo(CachingJwtParser.MAX_ENTRIES);
    }
}
