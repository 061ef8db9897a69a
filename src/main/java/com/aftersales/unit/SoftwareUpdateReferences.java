package com.aftersales.unit;

import java.util.Optional;
import java.util.UUID;

/**
 * What a software update's reference names among a unit's records: a case or a visit of a case on the unit (the cases
 * area), a recall campaign the unit is in (the recall area). Those areas sit above this one and implement it, so the
 * unit area never reads their tables.
 */
public interface SoftwareUpdateReferences {

    /** The kind of record ({@code CASE}, {@code VISIT}, {@code RECALL}) the id names for this unit, or empty. */
    Optional<String> kindOf(UUID unitId, UUID reference);
}
