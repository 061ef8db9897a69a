package com.aftersales.shared.error;

import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.transaction.xa.XAException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTest {

    /** Request headers that accept English. */
    private static final HttpHeaders ENGLISH = (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
            new Class<?>[] {HttpHeaders.class}, (proxy, method, args) ->
                    method.getName().equals("getAcceptableLanguages") ? List.of(Locale.ENGLISH) : null);

    @Test
    void aCommitCutOffByTheDatabaseGoingDownIs503EvenWhenOnlySuppressedSaysSo() {
        // What Narayana throws when the connection dies at commit (seen in DatabaseOutageTest): the database's error is
        // neither the exception nor one of its causes, only suppressed.
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new PSQLException("FATAL: terminating connection due to administrator command", PSQLState.CONNECTION_FAILURE));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        Response r = new ProblemMappers().unexpected(new RuntimeException("Error invoking subclass method", rollback), ENGLISH, null);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:problem:aftersales:database_unavailable");
    }

    @Test
    void anUnknownFailureStays500() {
        assertThat(new ProblemMappers().unexpected(new IllegalStateException("bug"), ENGLISH, null).getStatus()).isEqualTo(500);
    }
}
