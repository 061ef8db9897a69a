package com.aftersales.support;

import java.time.LocalDate;

/** Bodies of the unit endpoints (the product history record). */
public final class UnitBodies {

    private UnitBodies() {
    }

    /** A TM220 of the commercial-vehicle line with a serial no other test uses, not yet delivered. */
    public static Unit unit(String customerId) {
        return new Unit().set("serialNo", Api.unique("U")).set("productModel", "TM220")
                .set("productLine", "COMMERCIAL_VEHICLE").set("customerId", customerId);
    }

    public static final class Unit extends JsonBody<Unit> {

        public String serialNo() {
            return (String) get("serialNo");
        }

        public Unit serialNo(String serialNo) {
            return set("serialNo", serialNo);
        }

        public Unit productModel(String productModel) {
            return set("productModel", productModel);
        }

        /** COMMERCIAL_VEHICLE, PASSENGER_CAR, MICRO_CAR or SYSTEM. */
        public Unit productLine(String productLine) {
            return set("productLine", productLine);
        }

        /** A development project the unit belongs to (cases on it go to the project manager). */
        public Unit projectCode(String projectCode) {
            return set("projectCode", projectCode);
        }

        /** Produced and delivered on the same day. */
        public Unit delivered(LocalDate date) {
            return productionDate(date).deliveryDate(date);
        }

        public Unit productionDate(LocalDate date) {
            return set("productionDate", date);
        }

        public Unit deliveryDate(LocalDate date) {
            return set("deliveryDate", date);
        }

        public Unit batchNo(String batchNo) {
            return set("batchNo", batchNo);
        }

        public Unit endCustomer(String endCustomer) {
            return set("endCustomer", endCustomer);
        }

        public Unit vin(String vin) {
            return set("vin", vin);
        }

        /** A software component's version the unit left the factory with (e.g. MCU 1.4.2). */
        public Unit software(String component, String version) {
            return add("softwareVersions", JsonBody.object("component", component, "version", version));
        }
    }
}
