package com.aftersales.unit;

/**
 * ACTIVE: in the field. REPLACED: taken out on a return (disposition REPLACE) and replaced by another unit; out of the
 * live fleet, recall selection and warranty alerts from its replacement date, still in its history and past KPIs.
 */
public enum UnitStatus { ACTIVE, REPLACED }
