package com.aftersales.shared.persistence;

import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What a failure from the database means for whoever asked: the database is gone for now (try again later), the
 * transaction lost a race (try again now), or neither. The problem mapper answers 503 / 409 with it; the job runner
 * retries the first two.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** No connection, or the connection was cut (server restart, failover, proxy reset, pool timeout). */
    public static boolean unavailable(Throwable e) {
        if (chain(e).stream().anyMatch(t -> t instanceof SQLTransientConnectionException || t instanceof JDBCConnectionException)) {
            return true;
        }
        return sqlState(e).filter(s -> s.startsWith("08") || "57P01".equals(s) || "57P02".equals(s) || "57P03".equals(s))
                .isPresent();
    }

    /**
     * The statement ran longer than its statement_timeout and was cancelled (SQLState 57014): a capacity answer
     * (503), not the client's fault, and not worth retrying at once.
     */
    public static boolean cancelled(Throwable e) {
        return sqlState(e).filter("57014"::equals).isPresent();
    }

    /** A serialization failure or a deadlock: the same transaction may well succeed when run again. */
    public static boolean lostRace(Throwable e) {
        return sqlState(e).filter(s -> "40001".equals(s) || "40P01".equals(s)).isPresent();
    }

    /** Worth running again unchanged. */
    public static boolean transientFailure(Throwable e) {
        return unavailable(e) || lostRace(e);
    }

    /** The SQLState of the first SQLException in the chain that has one. */
    public static Optional<String> sqlState(Throwable e) {
        return chain(e).stream().filter(SQLException.class::isInstance).map(t -> ((SQLException) t).getSQLState())
                .filter(s -> s != null).findFirst();
    }

    /**
     * What may be logged about a database failure: its SQLState and the constraint it broke, never the message (which
     * carries row contents: "Failing row contains (…)", "Key (…)=(…)", "invalid input syntax for type …: "…"").
     * Empty when no SQLException is in the chain.
     */
    public static Optional<String> describe(Throwable e) {
        return chain(e).stream().filter(SQLException.class::isInstance).map(SQLException.class::cast)
                .filter(t -> t.getSQLState() != null).findFirst().map(t -> {
                    String constraint = t instanceof PSQLException p && p.getServerErrorMessage() != null
                            ? p.getServerErrorMessage().getConstraint() : null;
                    return "SQLState " + t.getSQLState() + (constraint == null ? "" : ", constraint " + constraint);
                });
    }

    /**
     * The exception to log: a database failure becomes one exception saying only {@link #describe} with the original's
     * class name and stack trace (no message of any cause, no row contents); any other exception is itself.
     */
    public static Throwable loggable(Throwable e) {
        Optional<String> described = describe(e);
        if (described.isEmpty()) {
            return e;
        }
        RedactedDatabaseError redacted = new RedactedDatabaseError(e.getClass().getName() + ": " + described.get());
        redacted.setStackTrace(e.getStackTrace());
        return redacted;
    }

    /** A database failure as logged: what {@link #describe} says, the original's stack trace, no causes. */
    public static final class RedactedDatabaseError extends RuntimeException {
        RedactedDatabaseError(String message) {
            super(message, null, false, true);
        }
    }

    /**
     * The exception, its causes, and what they suppressed, in that order. A failed commit reports the database's
     * error only as suppressed (Narayana: RollbackException, suppressed XAException caused by the PSQLException).
     */
    public static List<Throwable> chain(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty() && all.size() < 50) {
            Throwable t = todo.removeFirst();
            if (all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.addFirst(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }
}
