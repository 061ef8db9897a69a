package com.aftersales.eightd;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Counts working days: Monday to Friday, except the calendar's holidays, plus the weekend days it marks as worked
 * (调休). Pure, so the deadline rules are unit-tested without a database.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    /** The day that is {@code days} working days after {@code start} (0: the start day itself if it is worked, else the next). */
    public static LocalDate add(LocalDate start, int days, Map<LocalDate, Boolean> overrides) {
        LocalDate day = start;
        while (!isWorking(day, overrides)) {
            day = day.plusDays(1);
        }
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorking(day, overrides)) {
                left--;
            }
        }
        return day;
    }

    public static boolean isWorking(LocalDate day, Map<LocalDate, Boolean> overrides) {
        Boolean override = overrides.get(day);
        if (override != null) {
            return override;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
