package com.aftersales.unit;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What another area does when a unit is replaced (a return's disposition REPLACE), in the replacement's own transaction.
 * The recall area sits above the unit area: it implements this and closes the replaced unit out of the campaigns still
 * open for it, so the unit area tells it without depending on it.
 */
public interface UnitReplacementListener {

    /** Unit {@code unitId} (serial {@code serialNo}) was replaced by {@code replacementSerial} on {@code on}. */
    void replaced(UUID unitId, String serialNo, String replacementSerial, LocalDate on);
}
