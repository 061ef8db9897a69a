package com.aftersales.support;

import java.time.LocalDate;

import static com.aftersales.support.Api.as;

/**
 * Records made through the API for a test's set-up, each by the role that makes it in the business: the one place
 * that creates them. What a test checks about a creation it sends itself; these only expect success.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A supplier of purchased parts registered by quality, named uniquely: its code. */
    public static String supplier(String name) {
        String code = Api.unique("SUP");
        as("QUALITY_ENGINEER").body(JsonBody.of("code", code, "name", name)).post("/api/v1/suppliers")
                .then().statusCode(201);
        return code;
    }

    /** A warranty term of a customer: its id. */
    public static String term(String customerId, WarrantyBodies.Term term) {
        return as("SALES").body(term.json()).post("/api/v1/customers/" + customerId + "/warranty-terms")
                .then().statusCode(201).extract().path("id");
    }

    /** A registered unit: its serial. */
    public static String unit(UnitBodies.Unit unit) {
        as("SALES").body(unit.json()).post("/api/v1/units").then().statusCode(201);
        return unit.serialNo();
    }

    /** A TM220 of a product line, produced and delivered on a date: its serial. */
    public static String unit(String customerId, String productLine, LocalDate delivered) {
        return unit(UnitBodies.unit(customerId).productLine(productLine).delivered(delivered));
    }

    /** A case opened by sales: its id. */
    public static String openCase(CaseBodies.OpenCase body) {
        return as("SALES").body(body.json()).post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** A spare part in the catalogue: its id. */
    public static String part(SparePartBodies.Part part) {
        return as("PRODUCT_MANAGER").body(part.json()).post("/api/v1/spare-parts").then().statusCode(201).extract().path("id");
    }

    /** A stock movement of a part that succeeds. */
    public static void move(String partId, SparePartBodies.Movement movement) {
        as("WAREHOUSE").body(movement.json()).post("/api/v1/spare-parts/" + partId + "/movements").then().statusCode(200);
    }

    /** A location's safety stock and reorder point for a part. */
    public static void stockLevels(String partId, String location, int safetyStock, int reorderPoint) {
        String url = "/api/v1/spare-parts/" + partId + "/stock/" + location;
        io.restassured.response.Response row = as("PRODUCT_MANAGER").get(url);
        // The location's stock row: changed under its ETag, or created with If-None-Match: * when there is none yet.
        var request = row.statusCode() == 200 ? as("PRODUCT_MANAGER").header("If-Match", row.header("ETag"))
                : as("PRODUCT_MANAGER").header("If-None-Match", "*");
        request.body(SparePartBodies.stockLevels(safetyStock, reorderPoint)).put(url).then().statusCode(200);
    }
}
