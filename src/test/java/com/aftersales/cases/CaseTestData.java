package com.aftersales.cases;

/** Case fixtures for tests of other areas (8D, problems). */
public final class CaseTestData {

    private CaseTestData() {
    }

    public record World(String customerId, String serial) {
    }

    public static World world(String productLine) {
        return CaseFixtures.world(productLine, null);
    }

    /** A world whose unit is in a development project (its project stage). */
    public static World world(String productLine, String projectCode) {
        return CaseFixtures.world(productLine, projectCode);
    }

    /** Another unit of a customer (delivered 2025-01-10), optionally in a development project. */
    public static String unit(String customerId, String productLine, String projectCode) {
        return CaseFixtures.unit(customerId, productLine, projectCode);
    }

    /** A case body for the world's unit with the given mileage (over 100,000 km the unit is chargeable). */
    public static String caseJson(World w, int mileageKm) {
        return CaseFixtures.claim(w, mileageKm, "里程较高的车辆出现故障").json();
    }

    /** A customer of type SERVICE_STATION: its id, the station claim of its accounts. */
    public static java.util.UUID station() {
        return ServiceStationTest.station();
    }

    /** A visit of the case assigned to the station: the visit's id. */
    public static String stationVisit(String caseId, java.util.UUID station) {
        return ServiceStationTest.assignedVisit(caseId, station);
    }

    /** A chargeable case whose customer accepted a quote (verified lines billed to the customer): the case id. */
    public static String chargeableCaseWithAcceptedQuote() {
        return CaseInvoiceTest.chargeableCaseWithAcceptedQuote(world("PASSENGER_CAR"));
    }

    public static String openCase(World w) {
        return CaseFixtures.openId(w);
    }
}
