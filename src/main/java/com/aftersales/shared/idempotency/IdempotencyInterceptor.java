package com.aftersales.shared.idempotency;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.query.NativeQuery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Idempotency-Key for creating POSTs. The key is claimed, the effect applied and the response stored in one
 * database transaction, so a crash can never leave an effect without its stored response (or the reverse).
 * A concurrent duplicate waits on the key's row lock: when the first commits it gets the identical stored
 * response; if the first is still running after {@code aftersales.idempotency.wait}, it gets 409.
 * Same key, different body: 422. Keys are scoped per caller and kept {@code aftersales.idempotency.retention}.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    HttpServerRequest request;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return ctx.proceed();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badParameter(HEADER, "idempotency.key_format");
        }
        String owner = caller.subject();
        String hash = hash(request.method().name() + " " + request.path() + "\n"
                + parametersJson().writeValueAsString(ctx.getParameters()));
        try {
            return QuarkusTransaction.joiningExisting().call(() -> once(ctx, owner, key, hash));
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private ObjectMapper parametersJson;

    /** The request as hashed before answers left nulls out, so a key stored earlier still matches its retry. */
    private ObjectMapper parametersJson() {
        if (parametersJson == null) {
            parametersJson = StrictJson.keepingNulls(json);
        }
        return parametersJson;
    }

    private Object once(InvocationContext ctx, String owner, String key, String hash) throws Exception {
        if (!claim(owner, key, hash)) {
            Object[] stored = (Object[]) keys("""
                            select request_hash, status, response_body, location, etag, created_at
                            from idempotency_key where caller = ?1 and idem_key = ?2""")
                    .setParameter(1, owner).setParameter(2, key).getSingleResult();
            OffsetDateTime created = SqlValues.offsetDateTime(stored[5]);
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (created.isBefore(now.minus(config.idempotency().retention()))) {
                // An expired key is a new key.
                keys("update idempotency_key set request_hash = ?3, status = null, response_body = null, "
                                + "location = null, etag = null, created_at = ?4 where caller = ?1 and idem_key = ?2")
                        .setParameter(1, owner).setParameter(2, key).setParameter(3, hash).setParameter(4, now).executeUpdate();
            } else if (!hash.equals(stored[0])) {
                throw new ProblemException(422, "idempotency_key_reused", key);
            } else if (stored[1] == null) {
                throw new ProblemException(409, "idempotency_in_progress", key).header("Retry-After", "1");
            } else {
                Response.ResponseBuilder replay = Response.status(((Number) stored[1]).intValue())
                        .header(REPLAYED, "true");
                if (stored[2] != null) {
                    replay.entity(stored[2]).type(MediaType.APPLICATION_JSON_TYPE);
                }
                if (stored[3] != null) {
                    replay.header(HttpHeaders.LOCATION, stored[3]);
                }
                if (stored[4] != null) {
                    replay.header(HttpHeaders.ETAG, stored[4]);
                }
                return replay.build();
            }
        }
        Object result = ctx.proceed();
        Response response = result instanceof Response r ? r : Response.ok(result).build();
        em.flush(); // the endpoint's writes first, as before: their constraint violations answer as the endpoint's own
        keys("update idempotency_key set status = ?3, response_body = ?4, location = ?5, etag = ?6 "
                        + "where caller = ?1 and idem_key = ?2")
                .setParameter(1, owner).setParameter(2, key)
                .setParameter(3, response.getStatus())
                .setParameter(4, body(response))
                .setParameter(5, response.getHeaderString(HttpHeaders.LOCATION))
                .setParameter(6, response.getHeaderString(HttpHeaders.ETAG))
                .executeUpdate();
        return response;
    }

    /** The response body as JSON: a String entity of type application/json is JSON already (serialised once). */
    private String body(Response response) throws JsonProcessingException {
        Object entity = response.getEntity();
        if (entity instanceof String text && MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
            return text;
        }
        return entity == null ? null : json.writeValueAsString(entity);
    }

    /**
     * A statement on the key table alone: declaring its query space spares Hibernate flushing the session and cleaning
     * up after every entity type before each native statement (3 % of a case creation's CPU, JFR).
     */
    private NativeQuery<?> keys(String sql) {
        return em.createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace("idempotency_key");
    }

    /** True when this request now owns the key; false when a committed request already used it. */
    private boolean claim(String owner, String key, String hash) {
        try {
            keys("set local lock_timeout = '" + config.idempotency().waitForFirst().toMillis() + "ms'").executeUpdate();
            int inserted = keys("insert into idempotency_key (caller, idem_key, request_hash, created_at) "
                            + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, owner).setParameter(2, key).setParameter(3, hash).setParameter(4, OffsetDateTime.now(clock))
                    .executeUpdate();
            keys("set local lock_timeout to default").executeUpdate();
            return inserted == 1;
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                    throw new ProblemException(409, "idempotency_in_progress", key).header("Retry-After", "1");
                }
            }
            throw e;
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
