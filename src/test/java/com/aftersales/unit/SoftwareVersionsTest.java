package com.aftersales.unit;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.JsonBody;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.UnitBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Software and firmware versions of units (issue 20): registration, import, updates, history, recalls, entitlement, KPIs. */
@QuarkusTest
class SoftwareVersionsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static String update(String component, String version, OffsetDateTime at, String source, String reference) {
        return JsonBody.of("component", component, "version", version, "updatedAt", at, "source", source, "reference", reference);
    }

    static String etag(String serial) {
        return as("SALES").get("/api/v1/units/" + serial).then().statusCode(200).extract().header("ETag");
    }

    static String unit(String customer, String model, String... componentVersions) {
        UnitBodies.Unit body = UnitBodies.unit(customer).productModel(model).delivered(LocalDate.of(2025, 1, 10));
        for (int i = 0; i < componentVersions.length; i += 2) {
            body.software(componentVersions[i], componentVersions[i + 1]);
        }
        return Fixtures.unit(body);
    }

    @Test
    void aUnitCarriesItsVersionsAndAnUpdateIsRecordedUnderItsETag() {
        String customer = Api.newCustomer(Api.unique("sw"));
        String serial = Api.unique("SW");
        as("SALES").body(UnitBodies.unit(customer).serialNo(serial).delivered(LocalDate.of(2025, 1, 10))
                        .software(" mcu ", " 1.4.2 ").software("APP", "2.0.1").json())
                .post("/api/v1/units").then().statusCode(201)
                .body("softwareVersions.component", equalTo(List.of("APP", "MCU")))
                .body("softwareVersions.version", equalTo(List.of("2.0.1", "1.4.2")));
        String tag = etag(serial);
        as("ENGINEER").get("/api/v1/units/" + serial).then().body("softwareVersions", hasSize(2));
        asCustomer(UUID.fromString(customer)).get("/api/v1/units/" + serial).then().statusCode(200)
                .body("softwareVersions.version", equalTo(List.of("2.0.1", "1.4.2")));
        asCustomer(UUID.fromString(Api.newCustomer(Api.unique("sw")))).get("/api/v1/units/" + serial).then().statusCode(404);
        String url = "/api/v1/units/" + serial + "/software-updates";
        OffsetDateTime yesterday = OffsetDateTime.now(ZONE).minusDays(1);
        String flash = update("MCU", "1.5.0", yesterday, "SERVICE_VISIT", null);

        as("ENGINEER").body(flash).post(url).then().statusCode(428);
        as("ENGINEER").header("If-Match", "\"999\"").body(flash).post(url).then().statusCode(412);
        asCustomer(UUID.fromString(customer)).header("If-Match", tag).body(flash).post(url).then().statusCode(403);
        as("WAREHOUSE").header("If-Match", tag).body(flash).post(url).then().statusCode(403);
        // Refused updates change nothing: the ETag and the version stay.
        as("SALES").header("Accept-Language", "en").header("If-Match", tag)
                .body(update("MCU", "1.5.0", OffsetDateTime.now(ZONE).plusDays(1), "OTA", null)).post(url)
                .then().statusCode(422).body("errors[0].field", equalTo("updatedAt"))
                .body("errors[0].message", equalTo("the update cannot be dated in the future"));
        as("SALES").header("If-Match", tag).body(update("MCU", "1.5.0", yesterday, "USB", null)).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("source"));
        as("SALES").header("If-Match", tag).body(update("MCU", "1.5.0", yesterday, "SERVICE_VISIT", UUID.randomUUID().toString()))
                .post(url).then().statusCode(422).body("errors[0].field", equalTo("reference"));
        as("SALES").header("If-Match", tag).body(update("MCU", "1 .5", yesterday, "OTA", null)).post(url)
                .then().statusCode(422).body("errors[0].field", equalTo("version"));
        as("SALES").header("If-Match", tag).body(update("MCU", "1.4.2", yesterday, "OTA", null)).post(url)
                .then().statusCode(422).body("errors[0].field", equalTo("version"));
        assertThat(etag(serial)).isEqualTo(tag);

        // A flash during a visit of a case on the unit, naming the case.
        String caseId = Fixtures.openCase(CaseBodies.open(customer).unit(serial).failureDate(LocalDate.now(ZONE).minusDays(3)));
        as("SALES").header("If-Match", tag).body(update("MCU", "1.5.0", yesterday, "RECALL_REMEDY", caseId)).post(url)
                .then().statusCode(422).body("errors[0].field", equalTo("reference"));
        String moved = as("ENGINEER").header("If-Match", tag).body(update("mcu", "1.5.0", yesterday, "SERVICE_VISIT", caseId))
                .post(url).then().statusCode(200)
                .body("softwareVersions.find { it.component == 'MCU' }.version", equalTo("1.5.0"))
                .extract().header("ETag");
        assertThat(moved).isNotEqualTo(tag).isEqualTo(etag(serial));
        // The device that still holds the old ETag is told so.
        as("ENGINEER").header("If-Match", tag).body(update("APP", "2.1.0", yesterday, "OTA", null)).post(url)
                .then().statusCode(412);
        // An update dated before the component's current version would rewrite its history.
        as("ENGINEER").header("If-Match", moved).body(update("MCU", "1.6.0", yesterday.minusDays(1), "OTA", null)).post(url)
                .then().statusCode(422).body("errors[0].field", equalTo("updatedAt"));

        JsonPath history = as("SALES").get("/api/v1/units/" + serial + "/history").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> software = history.getList("items.findAll { it.kind == 'SOFTWARE' }");
        assertThat(software).extracting(e -> e.get("status")).containsExactly("FACTORY", "FACTORY", "SERVICE_VISIT");
        assertThat((String) software.get(2).get("summary")).startsWith("MCU 1.4.2 → 1.5.0").contains(caseId);
        // The customer sees its unit's software history too.
        asCustomer(UUID.fromString(customer)).get("/api/v1/units/" + serial + "/history").then().statusCode(200)
                .body("items.findAll { it.kind == 'SOFTWARE' }", hasSize(3));
        as("ADMIN").queryParam("entity", "unit").queryParam("id", serial).get("/api/v1/audit").then()
                .body("items[0].action", equalTo("SOFTWARE_UPDATE")).body("items[0].after.toVersion", equalTo("1.5.0"))
                .body("items[0].before.MCU", equalTo("1.4.2"));

        // The entitlement answer shows what the unit runs now.
        as("SALES").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("softwareVersions.component", equalTo(List.of("APP", "MCU")))
                .body("softwareVersions.version", equalTo(List.of("2.0.1", "1.5.0")));

        // A correction of the record cannot change a version behind the history's back; stating the current ones is fine.
        as("SALES").header("If-Match", moved).body(UnitBodies.unit(customer).serialNo(serial).delivered(LocalDate.of(2025, 1, 10))
                        .software("MCU", "1.6.0").software("APP", "2.0.1").json())
                .put("/api/v1/units/" + serial).then().statusCode(422).body("errors[0].field", equalTo("softwareVersions"));
        as("SALES").header("If-Match", moved).body(UnitBodies.unit(customer).serialNo(serial).delivered(LocalDate.of(2025, 1, 10))
                        .endCustomer("郑州公交").software("MCU", "1.5.0").software("app", "2.0.1").json())
                .put("/api/v1/units/" + serial).then().statusCode(200).body("softwareVersions", hasSize(2));
        // The same component twice in a registration.
        as("SALES").body(UnitBodies.unit(customer).software("MCU", "1.0").software("mcu", "1.1").json()).post("/api/v1/units")
                .then().statusCode(422).body("errors[0].field", equalTo("softwareVersions[1].component"));
        as("SALES").body(UnitBodies.unit(customer).software("MCU 主控", "1.0").json()).post("/api/v1/units")
                .then().statusCode(422).body("errors[0].field", equalTo("softwareVersions[0].component"));
    }

    @Test
    void theImportReadsTheSoftwareVersionsColumnUnderItsChineseHeader() {
        String code = Api.unique("swi");
        Api.newCustomer(code);
        String prefix = Api.unique("SWI");
        String bad = "钢印号,产品型号,产品线,客户代码,软件版本\n"
                + prefix + "-1,EM35,商用车," + code + ",MCU=1.4.2；APP=2.0.1\n"
                + prefix + "-2,EM35,微车," + code + ",MCU:1.4.3\n";
        as("SALES").header("Accept-Language", "zh-CN").contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/units/import").then().statusCode(422)
                .body("errors[0].line", equalTo(3)).body("errors[0].field", equalTo("softwareVersions"))
                .body("errors[0].message", equalTo("软件版本“MCU:1.4.3”格式应为 组件=版本，多个以 ; 分隔（如 MCU=1.4.2;APP=2.0.1）"));
        as("SALES").get("/api/v1/units/" + prefix + "-1").then().statusCode(404);

        String good = bad.replace("MCU:1.4.3", "mcu = 1.4.3;");
        as("SALES").contentType("text/csv").body(good.getBytes(StandardCharsets.UTF_8)).post("/api/v1/units/import")
                .then().statusCode(200).body("imported", equalTo(2));
        as("SALES").get("/api/v1/units/" + prefix + "-1").then().statusCode(200)
                .body("softwareVersions.component", equalTo(List.of("APP", "MCU")))
                .body("softwareVersions.version", equalTo(List.of("2.0.1", "1.4.2")));
        as("SALES").get("/api/v1/units/" + prefix + "-2/history").then().statusCode(200)
                .body("items.findAll { it.kind == 'SOFTWARE' }.status", equalTo(List.of("IMPORT")))
                .body("items.findAll { it.kind == 'SOFTWARE' }[0].summary", equalTo("MCU – → 1.4.3"));
        as("ADMIN").queryParam("entity", "unit").queryParam("id", prefix + "-1").get("/api/v1/audit").then()
                .body("items[0].action", equalTo("IMPORT")).body("items[0].after.softwareVersions.APP", equalTo("2.0.1"));
    }

    @Test
    void aRecallSelectsByVersionComparingNumbersNotText() {
        String customer = Api.newCustomer(Api.unique("swr"));
        String model = Api.unique("EMR");
        String a = unit(customer, model, "MCU", "1.4.2");
        unit(customer, model, "MCU", "V1.4.3", "APP", "1.0");
        unit(customer, model, "MCU", "1.10.0");
        unit(customer, model, "MCU", "1.5");
        unit(customer, model, "APP", "1.0");
        unit(customer, model, "MCU", "beta");
        unit(customer, model + "X", "MCU", "1.4.2");

        RecallBodies.Criteria below = RecallBodies.criteria().productModel(model).software("mcu", null, "1.5.0");
        String campaign = RecallTestSupport.campaign(below);
        // 1.4.2 and V1.4.3 only: 1.10.0 is above 1.5.0 (as text it would be below), 1.5 is 1.5.0, beta has no number.
        assertThat(RecallTestSupport.preview(campaign)).isEqualTo(2);
        assertThat(RecallTestSupport.preview(RecallTestSupport.campaign(RecallBodies.criteria().productModel(model)
                .software("MCU", List.of("1.10.0", "beta"), null)))).isEqualTo(2);
        assertThat(RecallTestSupport.preview(RecallTestSupport.campaign(RecallBodies.criteria().productModel(model)
                .software("MCU", List.of("1.10.0"), "1.5.0")))).isEqualTo(3);
        assertThat(RecallTestSupport.preview(RecallTestSupport.campaign(RecallBodies.criteria()
                .software("APP", List.of("1.0"), null).customerId(customer)))).isEqualTo(2);

        // The campaign is filed and activated; its remedy (a flash past the bound) names it, and the next selection leaves
        // the unit out.
        String base = "/api/v1/recalls/" + campaign;
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing("SAMR-SW-1")).post(base + "/filing")
                .then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200)
                .body("affectedCount", equalTo(2));
        String other = RecallTestSupport.campaign(RecallBodies.criteria().productModel(model + "X"));
        as("ENGINEER").header("If-Match", etag(a)).body(update("MCU", "1.5.1", OffsetDateTime.now(ZONE).minusHours(1),
                "RECALL_REMEDY", other)).post("/api/v1/units/" + a + "/software-updates").then().statusCode(422)
                .body("errors[0].field", equalTo("reference"));
        as("ENGINEER").header("If-Match", etag(a)).body(update("MCU", "1.5.1", OffsetDateTime.now(ZONE).minusHours(1),
                "RECALL_REMEDY", campaign)).post("/api/v1/units/" + a + "/software-updates").then().statusCode(200);
        as("SALES").get("/api/v1/units/" + a + "/history").then()
                .body("items.findAll { it.kind == 'SOFTWARE' }.status", equalTo(List.of("FACTORY", "RECALL_REMEDY")));
        assertThat(RecallTestSupport.preview(RecallTestSupport.campaign(below))).isEqualTo(1);

        as("QUALITY_ENGINEER").body(RecallBodies.campaign(RecallBodies.criteria().productModel(model).software("MCU", null, "new"))
                        .json()).post("/api/v1/recalls").then().statusCode(422)
                .body("errors.field", hasItem("criteria.software.below"));
        as("QUALITY_ENGINEER").body(RecallBodies.campaign(RecallBodies.criteria().software("MCU", null, null)).json())
                .post("/api/v1/recalls").then().statusCode(422).body("errors.field", hasItem("criteria.software"));
    }

    @Test
    void kpisGroupByTheVersionTheUnitRanOnTheFailureDate() {
        String customer = Api.newCustomer(Api.unique("swk"));
        UUID me = UUID.fromString(customer);
        String component = Api.unique("C").replace("-", "");
        String a = unit(customer, "TM220", component, "1.4.2");
        unit(customer, "TM220", component, "1.4.2");
        unit(customer, "TM220", component, "2.0.0");
        unit(customer, "TM220");
        LocalDate today = LocalDate.now(ZONE);
        Fixtures.openCase(CaseBodies.open(customer).unit(a).failureDate(today.minusDays(2)));
        // Updated after the failure: the case still counts under the version the unit ran when it failed.
        as("ENGINEER").header("If-Match", etag(a)).body(update(component, "1.5.0", OffsetDateTime.now(ZONE).minusMinutes(5), "OTA", null))
                .post("/api/v1/units/" + a + "/software-updates").then().statusCode(200);

        JsonPath report = asCustomer(me).queryParam("from", today.minusDays(7).toString()).queryParam("to", today.toString())
                .queryParam("groupBy", "software:" + component.toLowerCase()).get("/api/v1/kpis")
                .then().statusCode(200).body("groupBy", equalTo("software:" + component)).extract().jsonPath();
        assertThat(report.getList("tables.key")).containsExactly("cases", "ppm");
        List<Map<String, Object>> cases = report.getList("tables.find { it.key == 'cases' }.rows");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0)).containsEntry("group", "1.4.2").containsEntry("cases", 1);
        Map<String, List<Object>> ppm = new java.util.TreeMap<>();
        for (Map<String, Object> row : report.<Map<String, Object>>getList("tables.find { it.key == 'ppm' }.rows")) {
            ppm.put((String) row.get("group"), List.of(row.get("failedUnits"), row.get("fieldUnits")));
        }
        // In the field at the end of the period: one unit still on 1.4.2, the updated one on 1.5.0, one on 2.0.0, one without.
        assertThat(ppm).containsExactlyInAnyOrderEntriesOf(Map.of("1.4.2", List.of(1, 1), "1.5.0", List.of(0, 1),
                "2.0.0", List.of(0, 1), "–", List.of(0, 1)));

        // Figures the version cannot be placed for say so.
        asCustomer(me).header("Accept-Language", "en").queryParam("from", today.minusDays(7).toString())
                .queryParam("to", today.toString()).queryParam("groupBy", "software:" + component).queryParam("kpi", "ntfRate")
                .get("/api/v1/kpis").then().statusCode(422).body("errors[0].field", equalTo("groupBy"));
        as("QUALITY_ENGINEER").queryParam("from", today.minusDays(7).toString()).queryParam("to", today.toString())
                .queryParam("groupBy", "software:").get("/api/v1/kpis").then().statusCode(400)
                .body("errors[0].field", equalTo("groupBy"));
    }

    /** The recall campaign steps this test needs, as RecallTest makes them. */
    static final class RecallTestSupport {

        static String campaign(RecallBodies.Criteria criteria) {
            return as("QUALITY_ENGINEER").body(RecallBodies.campaign(criteria).json())
                    .post("/api/v1/recalls").then().statusCode(201).extract().path("id");
        }

        static long preview(String id) {
            return ((Number) as("QUALITY_ENGINEER").get("/api/v1/recalls/" + id + "/preview").then().statusCode(200)
                    .extract().path("units")).longValue();
        }
    }
}
