package com.aftersales.spareparts;

import com.aftersales.returns.ReturnRestockListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Locale;
import java.util.UUID;

/**
 * A restocked return whose unit is itself a catalogued spare part (its model is a part number) adds one to that part's
 * stock at the restock location, as a RESTOCK movement of the case; any other unit shows its place in the return alone.
 */
@ApplicationScoped
public class ReturnRestocks implements ReturnRestockListener {

    @Inject
    SparePartRepository parts;

    @Inject
    StockLedger ledger;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void restocked(UUID caseId, String returnNo, String productModel, String serialNo, String location) {
        parts.find("partNo", productModel.strip().toUpperCase(Locale.ROOT)).firstResultOptional().ifPresent(part ->
                ledger.move(part.id, location, 1, StockLedger.Kind.RESTOCK, caseId, null, returnNo + " " + serialNo));
    }
}
