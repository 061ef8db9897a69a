package com.aftersales.shared.security;

import com.aftersales.AftersalesConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * smallrye-jwt's parser with a memory of the bearer tokens it verified: a client's next request with the same token
 * skips the signature check and claim parsing, which took a quarter of the CPU of a short read (bench/run.sh, JFR).
 * A token is remembered by its exact text until it expires, and for at most {@link #MAX_AGE_SECONDS}, so a key taken
 * out of the identity provider's key set stops being honoured within that time; at most {@link #MAX_ENTRIES} tokens
 * are kept. Everything else goes to smallrye-jwt unchanged. A verified token must also be an access token issued to one
 * of this service's app clients ({@link TokenAcceptance}), or it is refused (401) and not remembered.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private static final Logger LOG = Logger.getLogger(CachingJwtParser.class);

    static final int MAX_ENTRIES = 4096;
    static final long MAX_AGE_SECONDS = 300;

    private record Verified(JsonWebToken token, long untilEpochSecond) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    DefaultJWTParser delegate;

    @Inject
    AftersalesConfig config;

    /** Audience and token use (read from the configuration on first use); a refused token is never remembered. */
    TokenAcceptance acceptance;

    // Real time, not the business clock (shared.time): a token's expiry is the issuer's wall time, as the verifier's is.
    Clock clock = Clock.systemUTC();

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        long now = clock.instant().getEpochSecond();
        Verified hit = verified.get(bearerToken);
        if (hit != null && now < hit.untilEpochSecond()) {
            return hit.token();
        }
        JsonWebToken token = delegate.parse(bearerToken);
        acceptance().check(token);
        long until = Math.min(token.getExpirationTime(), now + MAX_AGE_SECONDS);
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(v -> v.untilEpochSecond() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(bearerToken, new Verified(token, until));
        return token;
    }

    private TokenAcceptance acceptance() {
        if (acceptance == null) {
            AftersalesConfig.Security security = config.security();
            if (security.clientIds().isEmpty()) {
                // Fail closed: a service that does not know its app clients accepts no token at all.
                LOG.error("aftersales.security.client-ids (AFTERSALES_SECURITY_CLIENT_IDS) is not set: every token is refused");
            }
            acceptance = TokenAcceptance.of(security.clientIds().orElse(List.of()), security.useClaim(), security.acceptedUse());
        }
        return acceptance;
    }

    int size() {
        return verified.size();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        JsonWebToken verified = delegate.parse(token, context);
        acceptance().check(verified);
        return verified;
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
