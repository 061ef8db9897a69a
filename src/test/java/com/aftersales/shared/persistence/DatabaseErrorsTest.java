package com.aftersales.shared.persistence;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseErrorsTest {

    private static PSQLException state(String sqlState) {
        return new PSQLException("from the server", PSQLState.UNKNOWN_STATE) {
            @Override
            public String getSQLState() {
                return sqlState;
            }
        };
    }

    @Test
    void aCutConnectionOrALostRaceIsWorthRetryingAndNothingElseIs() {
        for (String cut : new String[] {"08006", "57P01", "57P02", "57P03"}) {
            assertThat(DatabaseErrors.unavailable(new RuntimeException(state(cut)))).as(cut).isTrue();
            assertThat(DatabaseErrors.transientFailure(new RuntimeException(state(cut)))).as(cut).isTrue();
        }
        for (String race : new String[] {"40001", "40P01"}) {
            assertThat(DatabaseErrors.lostRace(new RuntimeException(state(race)))).as(race).isTrue();
            assertThat(DatabaseErrors.unavailable(new RuntimeException(state(race)))).as(race).isFalse();
        }
        for (String other : new String[] {"23505", "23503", "22P02", "42P01", "55P03"}) {
            assertThat(DatabaseErrors.transientFailure(new RuntimeException(state(other)))).as(other).isFalse();
        }
        assertThat(DatabaseErrors.transientFailure(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void theDatabaseErrorIsFoundWhereverTheExceptionChainHidesIt() {
        RollbackException rollback = new RollbackException("could not commit");
        rollback.addSuppressed(new IllegalStateException("XA", state("57P01")));
        assertThat(DatabaseErrors.sqlState(new RuntimeException(rollback))).contains("57P01");
        assertThat(DatabaseErrors.unavailable(new RuntimeException(rollback))).isTrue();
    }
}
