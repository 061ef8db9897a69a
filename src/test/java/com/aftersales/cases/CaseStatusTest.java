package com.aftersales.cases;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL form of "open" comes from the state machine and matches the partial index the SLA job relies on. */
class CaseStatusTest {

    @Test
    void theSqlListOfNotOpenStatusesIsTheStateMachinesAndTheIndexPredicate() throws Exception {
        assertThat(CaseStatus.NOT_OPEN_SQL).isEqualTo("'RESOLVED', 'CLOSED', 'REJECTED'");
        for (CaseStatus s : CaseStatus.values()) {
            assertThat(CaseStatus.NOT_OPEN_SQL.contains("'" + s.name() + "'")).as(s.name()).isEqualTo(!s.isOpen());
        }
        // If the open statuses change, service_case_open_due_idx needs a new migration with the same predicate.
        assertThat(Files.readString(Path.of("src/main/resources/db/migration/V2__cases.sql")))
                .contains("where status not in (" + CaseStatus.NOT_OPEN_SQL + ")");
    }
}
