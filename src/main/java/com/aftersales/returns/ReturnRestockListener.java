package com.aftersales.returns;

import java.util.UUID;

/**
 * What another area does when a repaired unit goes back into stock, in the restock's own transaction (a refused restock
 * changes nothing there either). The spare-parts area sits above returns: it implements this and writes a RESTOCK stock
 * movement when the unit is itself a catalogued spare part, so returns tells it without depending on it.
 */
public interface ReturnRestockListener {

    /**
     * A unit of model {@code productModel} (serial {@code serialNo}) of return {@code returnNo} for case {@code caseId}
     * is back in stock at {@code location} (already normalised).
     */
    void restocked(UUID caseId, String returnNo, String productModel, String serialNo, String location);
}
