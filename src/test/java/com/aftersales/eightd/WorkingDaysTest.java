package com.aftersales.eightd;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingDaysTest {

    static final LocalDate FRIDAY = LocalDate.of(2026, 9, 25);

    @Test
    void skipsWeekends() {
        assertThat(WorkingDays.add(FRIDAY, 1, Map.of())).isEqualTo(LocalDate.of(2026, 9, 28));
        assertThat(WorkingDays.add(FRIDAY, 0, Map.of())).isEqualTo(FRIDAY);
        assertThat(WorkingDays.add(LocalDate.of(2026, 9, 26), 0, Map.of())).isEqualTo(LocalDate.of(2026, 9, 28));
        assertThat(WorkingDays.add(FRIDAY, 10, Map.of())).isEqualTo(LocalDate.of(2026, 10, 9));
    }

    @Test
    void holidaysAreSkippedAndWorkedWeekendDaysCount() {
        // National Day week 2026-10-01..07 off; Sunday 2026-09-27 worked in exchange (调休).
        Map<LocalDate, Boolean> calendar = new java.util.HashMap<>();
        for (int d = 1; d <= 7; d++) {
            calendar.put(LocalDate.of(2026, 10, d), false);
        }
        calendar.put(LocalDate.of(2026, 9, 27), true);
        assertThat(WorkingDays.add(FRIDAY, 1, calendar)).isEqualTo(LocalDate.of(2026, 9, 27));
        assertThat(WorkingDays.add(FRIDAY, 4, calendar)).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(WorkingDays.add(FRIDAY, 5, calendar)).isEqualTo(LocalDate.of(2026, 10, 8));
    }
}
