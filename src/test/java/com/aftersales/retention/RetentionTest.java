package com.aftersales.retention;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.Jobs;
import com.aftersales.support.Sql;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.RetentionBodies.productLife;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RetentionTest {

    static String unit(String customer, String model, String delivered) {
        return Fixtures.unit(UnitBodies.unit(customer).productModel(model).productLine("PASSENGER_CAR").vin("LSVAM4187C2184847")
                .endCustomer("张三").delivered(LocalDate.parse(delivered)));
    }

    /** Sets a model's life: under its ETag when it has one, with If-None-Match: * when it has none yet. */
    static void life(String model, int years) {
        io.restassured.response.Response current = as("ADMIN").get("/api/v1/retention/product-life/" + model);
        (current.statusCode() == 200 ? as("ADMIN").header("If-Match", current.header("ETag")) : as("ADMIN").header("If-None-Match", "*"))
                .body(productLife(years)).put("/api/v1/retention/product-life/" + model).then().statusCode(200)
                .body("lifeYears", equalTo(years));
    }

    /** The unit's ETag, as the retention view gives it. */
    static String unitTag(String serial) {
        return as("ADMIN").get("/api/v1/retention/units/" + serial).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void productLifeIsCreatedWithIfNoneMatchAndChangedUnderItsETag() {
        String model = Api.unique("MV");
        String url = "/api/v1/retention/product-life/" + model;
        as("ADMIN").header("Accept-Language", "zh-CN").body(productLife(8)).put(url).then().statusCode(428)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("type", equalTo("urn:problem:aftersales:precondition_required_put"))
                .body("title", equalTo("缺少 If-Match 或 If-None-Match 请求头"));
        as("ADMIN").header("If-Match", "\"0\"").body(productLife(8)).put(url).then().statusCode(412);
        as("ADMIN").get(url).then().statusCode(404);
        String created = as("ADMIN").header("If-None-Match", "*").body(productLife(8)).put(url).then().statusCode(200)
                .body("lifeYears", equalTo(8)).extract().header("ETag");
        // Refused: a second create, no precondition, a stale version; the life stays 8 and the audit has one entry.
        as("ADMIN").header("Accept-Language", "en").header("If-None-Match", "*").body(productLife(3)).put(url).then()
                .statusCode(412).body("type", equalTo("urn:problem:aftersales:record_exists")).body("title", equalTo("Record exists"));
        as("ADMIN").body(productLife(3)).put(url).then().statusCode(428);
        as("ADMIN").header("If-Match", "\"7\"").body(productLife(3)).put(url).then().statusCode(412)
                .header("ETag", equalTo(created));
        as("QUALITY_ENGINEER").get(url).then().statusCode(200).body("lifeYears", equalTo(8)).header("ETag", equalTo(created));
        assertThat(Sql.count("select count(*) from audit_log where entity_type = 'product-life' and entity_id = ?1", model)).isEqualTo(1);
        String changed = as("ADMIN").header("If-Match", created).body(productLife(10)).put(url).then().statusCode(200)
                .body("lifeYears", equalTo(10)).extract().header("ETag");
        assertThat(changed).isNotEqualTo(created);
        as("ADMIN").header("If-Match", created).body(productLife(12)).put(url).then().statusCode(412);
        as("QUALITY_ENGINEER").get("/api/v1/retention/product-life").then()
                .body("find { it.productModel == '" + model + "' }.lifeYears", equalTo(10));
    }

    @Test
    void erasingAUnitNeedsItsETag() {
        String customer = Api.newCustomer(Api.unique("rt"));
        String model = Api.unique("M1");
        life(model, 1);
        String serial = unit(customer, model, "2020-05-01");
        String tag = unitTag(serial);
        as("ADMIN").get("/api/v1/units/" + serial).then().statusCode(200).header("ETag", equalTo(tag));
        as("ADMIN").header("Accept-Language", "en").delete("/api/v1/retention/units/" + serial).then().statusCode(428)
                .body("type", equalTo("urn:problem:aftersales:precondition_required"));
        // A change of the unit since it was read: the erasure based on the old version is refused.
        as("ADMIN").header("If-Match", "\"9\"").delete("/api/v1/retention/units/" + serial).then().statusCode(412)
                .header("ETag", equalTo(tag));
        assertThat(Sql.text("select vin from unit where serial_no = ?1", serial)).isEqualTo("LSVAM4187C2184847");
        as("ADMIN").get("/api/v1/retention/units/" + serial).then().body("anonymisedAt", nullValue());
        as("ADMIN").header("If-Match", tag).delete("/api/v1/retention/units/" + serial).then().statusCode(200)
                .body("anonymisedAt", not(nullValue())).header("ETag", not(equalTo(tag)));
        assertThat(Sql.count("select count(*) from unit where serial_no = ?1 and vin is null", serial)).isEqualTo(1);
    }

    @Test
    void recordsAreKeptToTheEndOfTheCalendarYearAfterTheProductLife() {
        String customer = Api.newCustomer(Api.unique("rt"));
        String model = Api.unique("M8");
        life(model, 8);
        String lastDayOf2017 = unit(customer, model, "2017-12-31");
        String firstDayOf2018 = unit(customer, model, "2018-01-01");
        String leapDay = unit(customer, model, "2020-02-29");
        String defaultLife = unit(customer, Api.unique("M-DEFAULT"), "2010-06-01");
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + lastDayOf2017).then().statusCode(200)
                .body("keptUntil", equalTo("2026-12-31")).body("removableFrom", equalTo("2027-01-01"))
                .body("heldUntil", nullValue());
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + firstDayOf2018).then().body("keptUntil", equalTo("2027-12-31"));
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + leapDay).then().body("keptUntil", equalTo("2029-12-31"));
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + defaultLife).then().body("keptUntil", equalTo("2026-12-31"));
        as("ADMIN").queryParam("asOf", "2026-12-31").get("/api/v1/retention/expired").then().statusCode(200)
                .body("serialNo", not(hasItem(lastDayOf2017))).body("serialNo", not(hasItem(defaultLife)));
        as("ADMIN").queryParam("asOf", "2027-01-01").get("/api/v1/retention/expired").then().statusCode(200)
                .body("serialNo", hasItem(lastDayOf2017)).body("serialNo", hasItem(defaultLife))
                .body("serialNo", not(hasItem(firstDayOf2018)));
        // A longer life moves the date.
        life(model, 10);
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + lastDayOf2017).then().body("keptUntil", equalTo("2028-12-31"));
        as("QUALITY_ENGINEER").get("/api/v1/retention/product-life").then().statusCode(200)
                .body("find { it.productModel == '" + model + "' }.lifeYears", equalTo(10))
                .body("find { it.productModel == '*' }.lifeYears", equalTo(15));
        // Nothing under retention can be deleted: 409 with the date it may go.
        as("ADMIN").header("Accept-Language", "en").header("If-Match", unitTag(lastDayOf2017))
                .delete("/api/v1/retention/units/" + lastDayOf2017).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:retention_active")).body("removableFrom", equalTo("2029-01-01"))
                .body("detail", equalTo("The record is under retention or a recall's legal hold; it may go from 2029-01-01."));
        assertThat(Sql.text("select vin from unit where serial_no = ?1", lastDayOf2017)).isEqualTo("LSVAM4187C2184847");
    }

    @Test
    void theRetentionJobRemovesPersonalDataOfExpiredRecordsButNeverOfHeldOnes() throws Exception {
        String customer = Api.newCustomer(Api.unique("rt"));
        String model = Api.unique("M1");
        life(model, 1);
        // Delivered 2020: kept until 2022-12-31, long past.
        String expired = unit(customer, model, "2020-05-01");
        String held = unit(customer, model, "2020-05-01");
        String young = unit(customer, Api.unique("M-NEW"), "2025-05-01");
        String expiredCase = openCase(customer, expired, "2020-06-01");
        String mixedCase = openCase2(customer, expired, young);
        String heldCase = openCase(customer, held, "2020-06-01");
        as("SALES").body(CaseBodies.note("客户王先生电话 13800000000", "INTERNAL"))
                .post("/api/v1/cases/" + expiredCase + "/notes").then().statusCode(201);
        // A recall's legal hold covers the held unit until 2040.
        String campaign = UUID.randomUUID().toString();
        Sql.exec("insert into recall_campaign (id, code, title, defect_description, safety_risk, remedy, criteria, status, "
                + "activated_at, hold_until, created_by) values (cast(?1 as uuid), ?2, '召回', '缺陷', '风险', '补救', '{}', 'COMPLETED', "
                + "?3, date '2040-12-31', 'test')", campaign, Api.unique("ZH"), TestClock.now());
        Sql.exec("insert into recall_unit (campaign_id, unit_id, serial_no, customer_id, product_model, remedy_status) "
                + "select cast(?1 as uuid), id, serial_no, customer_id, product_model, 'REMEDIED' from unit where serial_no = ?2",
                campaign, held);
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + held).then()
                .body("keptUntil", equalTo("2022-12-31")).body("heldUntil", equalTo("2040-12-31"))
                .body("removableFrom", equalTo("2041-01-01"));
        as("ADMIN").get("/api/v1/retention/expired").then().body("serialNo", hasItem(expired)).body("serialNo", not(hasItem(held)));

        // Ten runs at once (a retried schedule, a manual run): each record is anonymised and audited once.
        Jobs.fireConcurrently("retention", 10);
        assertThat(Sql.rows("select vin, end_customer, anonymised_at is not null from unit where serial_no = ?1", expired).get(0))
                .containsExactly(null, null, true);
        assertThat(Sql.text("select reporter_name || '|' || coalesce(reporter_phone, '-') || '|' || description "
                + "from service_case where id = cast(?1 as uuid)", expiredCase)).isEqualTo("（已匿名）|-|（已匿名）");
        assertThat(Sql.count("select count(*) from case_event where case_id = cast(?1 as uuid) and text like '%13800000000%'",
                expiredCase)).isZero();
        assertThat(Sql.count("select count(*) from audit_log where action = 'ANONYMISE' and entity_type = 'case' "
                + "and entity_id = ?1", expiredCase)).isEqualTo(1);
        // The unit's anonymisation is audited under its serial number, as every other change of a unit is.
        as("ADMIN").queryParam("entity", "unit").queryParam("id", expired).get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'ANONYMISE' }.size()", equalTo(1))
                .body("items.find { it.action == 'ANONYMISE' }.entityId", equalTo(expired))
                .body("items.find { it.action == 'ANONYMISE' }.actor", not(nullValue()));
        as("ADMIN").queryParam("entity", "unit").queryParam("id", held).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", not(hasItem("ANONYMISE")));
        // A case with a unit still under retention keeps its data; held records are untouched.
        assertThat(Sql.text("select reporter_name from service_case where id = cast(?1 as uuid)", mixedCase)).isEqualTo("王师傅");
        assertThat(Sql.text("select vin from unit where serial_no = ?1", held)).isEqualTo("LSVAM4187C2184847");
        assertThat(Sql.text("select reporter_name from service_case where id = cast(?1 as uuid)", heldCase)).isEqualTo("王师傅");
        assertThat(Sql.text("select vin from unit where serial_no = ?1", young)).isEqualTo("LSVAM4187C2184847");
        // Everything else about the records stays for the statistics; a second run finds nothing new.
        as("SALES").get("/api/v1/cases/" + expiredCase).then().statusCode(200).body("caseNo", not(nullValue()));
        int audits = Sql.count("select count(*) from audit_log where action = 'ANONYMISE'");
        as("ADMIN").post("/api/v1/admin/jobs/retention/runs").then().statusCode(200);
        assertThat(Sql.count("select count(*) from audit_log where action = 'ANONYMISE'")).isEqualTo(audits);
        // Held: deleting through the API is refused with the hold's end; an expired unit can be erased at once.
        as("ADMIN").header("If-Match", unitTag(held)).delete("/api/v1/retention/units/" + held).then().statusCode(409)
                .body("removableFrom", equalTo("2041-01-01"));
        as("SALES").header("If-Match", unitTag(expired)).delete("/api/v1/retention/units/" + expired).then().statusCode(403);
        as("ADMIN").header("If-Match", unitTag(expired)).delete("/api/v1/retention/units/" + expired).then().statusCode(200)
                .body("anonymisedAt", not(nullValue()));
        as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/retention/units/NO-SUCH-UNIT").then().statusCode(404);
    }

    @Test
    void aFinishedCaseWithoutUnitsIsKeptAsAUnitDeliveredTheDayItFinishedWouldBe() {
        String customer = Api.newCustomer(Api.unique("rn"));
        // Complaints about the service itself, no unit: one finished in 2000 (default life 15 years: kept until
        // 2016-12-31), one finished this year, one still open since 2000.
        java.util.function.Supplier<String> complaint = () -> as("SALES").body(CaseBodies.open(customer).type("COMPLAINT")
                        .failureDate(TestClock.today()).reporter("赵女士", "13900000000").json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String old = complaint.get();
        String recent = complaint.get();
        String open = complaint.get();
        Sql.exec("update service_case set status = 'CLOSED', closed_at = timestamptz '2000-03-01 10:00+08' where id = cast(?1 as uuid)", old);
        Sql.exec("update service_case set status = 'CLOSED', closed_at = now() where id = cast(?1 as uuid)", recent);
        Sql.exec("update service_case set updated_at = timestamptz '2000-03-01 10:00+08' where id = cast(?1 as uuid)", open);

        as("ADMIN").post("/api/v1/admin/jobs/retention/runs").then().statusCode(200);
        assertThat(Sql.text("select reporter_name || '|' || coalesce(reporter_phone, '-') from service_case "
                + "where id = cast(?1 as uuid)", old)).isEqualTo("（已匿名）|-");
        assertThat(Sql.count("select count(*) from audit_log where action = 'ANONYMISE' and entity_type = 'case' "
                + "and entity_id = ?1", old)).isEqualTo(1);
        for (String kept : java.util.List.of(recent, open)) {
            assertThat(Sql.text("select reporter_name || '|' || reporter_phone from service_case where id = cast(?1 as uuid)", kept))
                    .isEqualTo("赵女士|13900000000");
        }
    }

    @Test
    void productLifeIsCheckedAndOnlyAdminSetsIt() {
        as("ADMIN").header("If-None-Match", "*").body(productLife(0)).put("/api/v1/retention/product-life/TM220").then()
                .statusCode(422).body("errors[0].field", equalTo("lifeYears"));
        as("ADMIN").header("If-None-Match", "*").body("{}").put("/api/v1/retention/product-life/TM220").then().statusCode(422);
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(productLife(10)).put("/api/v1/retention/product-life/TM220")
                .then().statusCode(403);
        as("SALES").get("/api/v1/retention/product-life").then().statusCode(403);
        as("ADMIN").queryParam("asOf", "2027-13-01").get("/api/v1/retention/expired").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void aFullWidthSerialFindsTheUnitAsOnEveryOtherEndpoint() {
        String customer = Api.newCustomer(Api.unique("rt"));
        String model = Api.unique("M1");
        life(model, 1);
        String serial = unit(customer, model, "2020-05-01");
        String fullWidth = Api.fullWidth(serial);
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + fullWidth).then().statusCode(200)
                .body("serialNo", equalTo(serial)).body("keptUntil", equalTo("2022-12-31"));
        as("ADMIN").header("If-Match", unitTag(serial)).delete("/api/v1/retention/units/" + fullWidth).then().statusCode(200)
                .body("serialNo", equalTo(serial)).body("anonymisedAt", not(nullValue()));
        assertThat(Sql.count("select count(*) from unit where serial_no = ?1 and vin is null and anonymised_at is not null",
                serial)).isEqualTo(1);
    }

    static String openCase(String customer, String serial, String failed) {
        return Fixtures.openCase(CaseBodies.open(customer).unit(serial).failureDate(LocalDate.parse(failed)).title("异响")
                .description("客户王先生反映异响").severity("LOW"));
    }

    static String openCase2(String customer, String a, String b) {
        return Fixtures.openCase(CaseBodies.open(customer).unit(a).unit(b).title("异响").description("两台异响").reporter("王师傅", null)
                .severity("LOW"));
    }
}
