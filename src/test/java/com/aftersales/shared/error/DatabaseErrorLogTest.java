package com.aftersales.shared.error;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 22: logs carry a database error's SQLState and constraint name, never row contents ("Failing row contains (…)",
 * "Key (…)=(…)", the value a cast refused). Real statements fail on the real database with a known string in the row;
 * every log line written meanwhile (Hibernate's, the driver's, the problem mapper's, with stack traces and causes, and
 * the database server's own log, configured as the RDS parameter group) is captured and searched for it.
 */
@QuarkusTest
class DatabaseErrorLogTest {

    private static final HttpHeaders ENGLISH = (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
            new Class<?>[] {HttpHeaders.class}, (proxy, method, args) ->
                    method.getName().equals("getAcceptableLanguages") ? List.of(Locale.ENGLISH) : null);

    @Inject
    EntityManager em;

    final List<String> lines = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord ext = ExtLogRecord.wrap(record);
            StringWriter text = new StringWriter();
            text.append(ext.getLoggerName()).append(' ').append(ext.getFormattedMessage()).append('\n');
            if (ext.getThrown() != null) {
                ext.getThrown().printStackTrace(new PrintWriter(text));
            }
            synchronized (lines) {
                lines.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    private Throwable failing(String sql, String value) {
        return catchThrowable(() -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery(sql).setParameter(1, value).executeUpdate()));
    }

    private List<String> logged() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsLoggedBySqlStateAndConstraintOnly() {
        String secret = "PII-" + UUID.randomUUID();
        // A check constraint: PostgreSQL's DETAIL says "Failing row contains (…, PII-…, …)".
        Throwable checked = failing("insert into customer (id, code, name, type) values (gen_random_uuid(), 'LOG-' || "
                + "substr(md5(random()::text), 1, 8), ?1, 'NOT_A_TYPE')", secret);
        assertThat(checked).isNotNull();
        Response r = new ProblemMappers().unexpected(checked, ENGLISH, null);
        assertThat(r.getStatus()).isEqualTo(500);

        // A refused value: the message itself names it ("invalid input syntax for type uuid: "PII-…"").
        Throwable refused = failing("update customer set name = 'x' where id = cast(?1 as uuid)", secret);
        assertThat(new ProblemMappers().unexpected(refused, ENGLISH, null).getStatus()).isEqualTo(400);

        // A duplicate: "Key (code)=(PII-…) already exists".
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into customer (id, code, name, type) "
                + "values (gen_random_uuid(), ?1, 'x', 'OEM')").setParameter(1, secret).executeUpdate());
        Throwable duplicate = failing("insert into customer (id, code, name, type) values (gen_random_uuid(), ?1, 'x', 'OEM')",
                secret);
        assertThat(new ProblemMappers().unexpected(duplicate, ENGLISH, null).getStatus()).isEqualTo(409);

        // The database server's own log reaches the JVM's log on another thread (the embedded server): let it arrive.
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> logged = logged();
        assertThat(logged).as("log lines written while the statements failed").isNotEmpty();
        assertThat(logged).noneMatch(line -> line.contains(secret));
        assertThat(logged).noneMatch(line -> line.contains("Failing row contains"));
        assertThat(String.join("\n", logged)).contains("SQLState 23514, constraint customer_type_check")
                .contains("SQLState 22P02");
        // The exceptions themselves no longer carry the server's DETAIL either (logServerErrorDetail=false).
        StringWriter trace = new StringWriter();
        checked.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("Failing row contains").doesNotContain(secret);
    }
}
