package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.Api.asPerson;
import static com.aftersales.support.CaseBodies.attachment;
import static com.aftersales.support.CaseBodies.confirmation;
import static com.aftersales.support.CaseBodies.report;
import static com.aftersales.support.CaseBodies.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The technical service report (技术服务表) of a visit (issue 20) and offline field work (issue 24): one submission of
 * the whole report with the device's times, retried without a second effect; the customer's confirmation; the zh-CN
 * workbook; and the field engineer's download of what changed since the last sync.
 */
@QuarkusTest
class FieldVisitReportTest {

    /** A visit planned for the world's case, with these technicians (no trip); returns {caseId, visitId}. */
    private static String[] plannedVisit(CaseTestData.World w, String... technicians) {
        String caseId = CaseFixtures.openId(w);
        CaseBodies.Visit body = visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "郑州公交三公司停车场");
        for (String t : technicians) {
            body.technician(t);
        }
        String visitId = as("REPAIR").body(body.json()).post("/api/v1/cases/" + caseId + "/visits")
                .then().statusCode(201).extract().path("id");
        return new String[]{caseId, visitId};
    }

    private static OffsetDateTime now() {
        return TestClock.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aReportWrittenOfflineTwoDaysAgoIsAcceptedOnceWithTheDevicesTimes() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String[] ids = plannedVisit(w, "李工");
        String base = "/api/v1/cases/" + ids[0] + "/visits/" + ids[1];
        String partNo = as("ADMIN").body(SparePartBodies.part("驱动电机轴承", "120.00").json()).post("/api/v1/spare-parts")
                .then().statusCode(201).extract().path("partNo");
        String partId = as("ADMIN").get("/api/v1/spare-parts?limit=200").then().extract().jsonPath()
                .getString("items.find { it.partNo == '" + partNo + "' }.id");

        OffsetDateTime completed = now().minusDays(2);
        OffsetDateTime started = completed.minusHours(3);
        UUID submission = UUID.randomUUID();
        UUID signature = UUID.randomUUID();
        UUID photo = UUID.randomUUID();
        UUID reading = UUID.randomUUID();
        String body = report(submission, started, completed)
                .reading(reading, "绝缘电阻", "550", "MΩ", started.plusMinutes(30))
                .reading(UUID.randomUUID(), "绕组温度", "65", "℃", started.plusHours(2))
                .partUsed(partNo.toLowerCase(), null, 2)
                .partUsed("NOT-IN-CATALOGUE-1", "接线端子", 4)
                .confirmation("王师傅", completed.plusMinutes(10), signature)
                .attachment(photo, "现场.jpg", "image/jpeg", 4096).json();

        JsonPath first = as("REPAIR").body(body).post(base + "/report").then().statusCode(201)
                .header("Location", containsString(base)).header("ETag", equalTo("\"1\""))
                .body("visit.status", equalTo("COMPLETED")).body("visit.engineer", equalTo("李工"))
                .body("visit.reportSubmissionId", equalTo(submission.toString()))
                .body("visit.readings.size()", equalTo(2)).body("visit.readings[0].id", equalTo(reading.toString()))
                .body("visit.readings[0].unit", equalTo("MΩ"))
                .body("visit.partsUsed[0].sparePartId", equalTo(partId)).body("visit.partsUsed[0].name", equalTo("驱动电机轴承"))
                .body("visit.partsUsed[1].sparePartId", nullValue())
                .body("visit.confirmation.name", equalTo("王师傅"))
                .body("visit.confirmation.signatureAttachmentId", equalTo(signature.toString()))
                .body("uploads.id", equalTo(List.of(signature.toString(), photo.toString())))
                .body("uploads.upload.method", equalTo(List.of("PUT", "PUT")))
                .extract().jsonPath();
        // The device's times are kept beside the times the service received them.
        assertThat(OffsetDateTime.parse(first.getString("visit.completedAt")).toInstant()).isEqualTo(completed.toInstant());
        assertThat(OffsetDateTime.parse(first.getString("visit.startedAt")).toInstant()).isEqualTo(started.toInstant());
        OffsetDateTime received = OffsetDateTime.parse(first.getString("visit.completedReceivedAt"));
        assertThat(received.toInstant()).isNotEqualTo(completed.toInstant()).isAfter(completed.plusDays(1).toInstant());
        assertThat(OffsetDateTime.parse(first.getString("visit.readings[0].occurredAt")).toInstant())
                .isEqualTo(started.plusMinutes(30).toInstant());
        assertThat(OffsetDateTime.parse(first.getString("visit.readings[0].receivedAt")).toInstant()).isEqualTo(received.toInstant());
        assertThat(OffsetDateTime.parse(first.getString("visit.confirmation.occurredAt")).toInstant())
                .isEqualTo(completed.plusMinutes(10).toInstant());

        // The connection dropped before the answer arrived: the device sends the same submission again.
        TestClock.advance(Duration.ofMinutes(20));
        JsonPath retry = as("REPAIR").body(body).post(base + "/report").then().statusCode(201).header("ETag", equalTo("\"1\""))
                .body("uploads.id", equalTo(List.of(signature.toString(), photo.toString())))
                .extract().jsonPath();
        // The same report; updatedAt is the same instant, as the database keeps it (rounded to the microsecond).
        java.util.Map<String, Object> again = new java.util.HashMap<>(retry.getMap("visit"));
        java.util.Map<String, Object> before = new java.util.HashMap<>(first.getMap("visit"));
        assertThat(OffsetDateTime.parse((String) again.remove("updatedAt")).toInstant())
                .isCloseTo(OffsetDateTime.parse((String) before.remove("updatedAt")).toInstant(),
                        org.assertj.core.api.Assertions.within(1, ChronoUnit.MICROS));
        assertThat(again).isEqualTo(before);
        assertThat(retry.getString("uploads[1].upload.url")).as("a fresh upload URL").isNotNull()
                .isNotEqualTo(first.getString("uploads[1].upload.url"));
        assertThat(Sql.count("select count(*) from attachment where visit_id = ?1", UUID.fromString(ids[1]))).isEqualTo(2);
        assertThat(Sql.count("select count(*) from audit_log where entity_type = 'field-visit' and entity_id = ?1 and action = 'REPORT'",
                ids[1])).isEqualTo(1);

        // The same id for something else is refused; a second report of a completed visit too.
        as("REPAIR").body(report(submission, started, completed).with("result", "另一结果").json()).post(base + "/report")
                .then().statusCode(422).body("type", containsString("visit_report_id_reused"));
        as("REPAIR").body(report(UUID.randomUUID(), started, completed).json()).post(base + "/report")
                .then().statusCode(409).body("type", containsString("visit_wrong_status"));
        as("REPAIR").get(base).then().statusCode(200).header("ETag", equalTo("\"1\""));

        // The customer sees the report (readings, parts, confirmation) and gets the workbook too.
        UUID customer = UUID.fromString(w.customerId());
        asCustomer(customer).get(base).then().statusCode(200).body("engineer", equalTo("李工"))
                .body("readings.name", hasItem("绝缘电阻")).body("confirmation.name", equalTo("王师傅"));
        List<Row> rows = workbook(asCustomer(customer).accept(FieldVisitWorkbook.MEDIA_TYPE).get(base)
                .then().statusCode(200).contentType(FieldVisitWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", containsString(".xlsx")).extract().asByteArray());
        assertThat(rows.get(0).getCellText(0)).isEqualTo("技术服务表");
        assertThat(cell(rows, "服务地点")).isEqualTo("郑州公交三公司停车场");
        assertThat(cell(rows, "产品钢印号")).isEqualTo(w.serial());
        assertThat(cell(rows, "服务类型")).isEqualTo("现场维修");
        assertThat(cell(rows, "工作内容")).isEqualTo("更换驱动电机轴承，紧固接线端子");
        assertThat(cell(rows, "服务结果")).isEqualTo("电机运行正常，异响消除");
        assertThat(cell(rows, "服务工程师")).isEqualTo("李工");
        assertThat(cell(rows, "绝缘电阻")).isEqualTo("550");
        assertThat(cell(rows, partNo)).isEqualTo("驱动电机轴承");
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.getCellText(0)).isEqualTo("NOT-IN-CATALOGUE-1");
            assertThat(r.getCellText(2)).isEqualTo("4");
            assertThat(r.getCellText(3)).isEqualTo("未编目");
        });
        assertThat(cell(rows, "确认人")).isEqualTo("王师傅");
        assertThat(cell(rows, "客户签字")).isEqualTo("见附件 签字.png");
        assertThat(cell(rows, "完成时间")).isEqualTo(completed.atZoneSameInstant(TestClock.now().getOffset())
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));

        // Another customer's account sees neither the visit nor its workbook.
        UUID other = UUID.fromString(world("COMMERCIAL_VEHICLE", null).customerId());
        asCustomer(other).accept(FieldVisitWorkbook.MEDIA_TYPE).get(base).then().statusCode(404);
        asCustomer(other).get(base).then().statusCode(404);
    }

    @Test
    void refusedSubmissionsChangeNothing() {
        CaseTestData.World w = world("SYSTEM", null);
        String[] ids = plannedVisit(w, "赵工");
        String base = "/api/v1/cases/" + ids[0] + "/visits/" + ids[1];
        OffsetDateTime now = now();

        // A time ahead of the service's clock (beyond the skew), or older than the offline window (7 days).
        as("REPAIR").header("Accept-Language", "en").body(report(UUID.randomUUID(), now.minusHours(1), now.plusHours(1)).json())
                .post(base + "/report").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("occurredAt")).body("errors[0].message", containsString("ahead"));
        as("REPAIR").body(report(UUID.randomUUID(), now.minusDays(8), now.minusDays(1))
                        .reading(UUID.randomUUID(), "电压", "540", "V", now.minusDays(9)).json())
                .post(base + "/report").then().statusCode(422)
                .body("errors.field", equalTo(List.of("startedAt", "readings[0].occurredAt")));
        // Completion before the start; a reading id twice; no work done; a signature that is no image.
        as("REPAIR").body(report(UUID.randomUUID(), now.minusHours(1), now.minusHours(2)).json())
                .post(base + "/report").then().statusCode(422).body("errors[0].field", equalTo("occurredAt"));
        UUID twice = UUID.randomUUID();
        as("REPAIR").body(report(UUID.randomUUID(), now.minusHours(2), now.minusHours(1))
                        .reading(twice, "电压", "540", "V", now.minusHours(1)).reading(twice, "电流", "20", "A", now.minusHours(1)).json())
                .post(base + "/report").then().statusCode(422).body("errors[0].field", equalTo("readings[1].id"));
        as("REPAIR").body(report(UUID.randomUUID(), now.minusHours(2), now.minusHours(1)).without("workDone").json())
                .post(base + "/report").then().statusCode(422).body("errors[0].field", equalTo("workDone"));
        as("REPAIR").body(report(UUID.randomUUID(), now.minusHours(2), now.minusHours(1)).without("startedAt").json())
                .post(base + "/report").then().statusCode(422).body("errors[0].field", equalTo("startedAt"));
        as("REPAIR").body(report(UUID.randomUUID(), now.minusHours(2), now.minusHours(1))
                        .attachment(UUID.randomUUID(), "现场.exe", "application/x-msdownload", 100).json())
                .post(base + "/report").then().statusCode(422).body("errors[0].field", equalTo("attachments[0].contentType"));

        // Roles that do not do field work, and customer accounts (even the case's own), may not submit.
        String good = report(UUID.randomUUID(), now.minusHours(2), now.minusHours(1)).json();
        as("WAREHOUSE").body(good).post(base + "/report").then().statusCode(403);
        as("GENERAL_MANAGER").body(good).post(base + "/report").then().statusCode(403);
        asCustomer(UUID.fromString(w.customerId())).body(good).post(base + "/report").then().statusCode(403);
        // A visit of another case is not found.
        String[] elsewhere = plannedVisit(world("SYSTEM", null), "赵工");
        as("REPAIR").body(good).post("/api/v1/cases/" + ids[0] + "/visits/" + elsewhere[1] + "/report").then().statusCode(404);
        assertThat(Sql.count("select count(*) from attachment where case_id = ?1", UUID.fromString(ids[0]))).isZero();
        as("REPAIR").get(base).then().statusCode(200).header("ETag", equalTo("\"0\"")).body("status", equalTo("PLANNED"))
                .body("readings.size()", equalTo(0)).body("confirmation", nullValue());
        assertThat(Sql.count("select count(*) from field_visit where id = ?1 and version = 0 and report_submission_id is null",
                UUID.fromString(ids[1]))).isEqualTo(1);
    }

    @Test
    void theCustomersConfirmationIsRecordedWithItsSignature() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String[] ids = plannedVisit(w, "周工");
        String base = "/api/v1/cases/" + ids[0] + "/visits/" + ids[1];
        OffsetDateTime now = now();
        // Not before the visit has started.
        as("REPAIR").header("If-Match", "\"0\"").body(confirmation("王师傅", now, null)).post(base + "/confirmation")
                .then().statusCode(409).body("type", containsString("visit_wrong_status"));
        as("REPAIR").header("If-Match", "\"0\"").post(base + "/start").then().statusCode(200);

        String pdf = as("REPAIR").body(attachment("签字.pdf", "application/pdf", 100))
                .post("/api/v1/cases/" + ids[0] + "/attachments").then().statusCode(201).extract().path("id");
        String png = as("REPAIR").body(attachment("签字.png", "image/png", 100))
                .post("/api/v1/cases/" + ids[0] + "/attachments").then().statusCode(201).extract().path("id");
        as("REPAIR").body(confirmation("王师傅", now, null)).post(base + "/confirmation").then().statusCode(428);
        as("REPAIR").header("If-Match", "\"1\"").body(confirmation("王师傅", now, pdf)).post(base + "/confirmation")
                .then().statusCode(422).body("errors[0].field", equalTo("signatureAttachmentId"));
        as("REPAIR").header("If-Match", "\"1\"").body(confirmation("王师傅", now, UUID.randomUUID().toString()))
                .post(base + "/confirmation").then().statusCode(422).body("errors[0].field", equalTo("signatureAttachmentId"));
        as("REPAIR").header("If-Match", "\"1\"").body(confirmation("王师傅", now.plusHours(1), png)).post(base + "/confirmation")
                .then().statusCode(422).body("errors[0].field", equalTo("occurredAt"));
        as("REPAIR").header("If-Match", "\"1\"").body(confirmation(" ", now, png)).post(base + "/confirmation")
                .then().statusCode(422).body("errors[0].field", equalTo("name"));
        as("SALES").header("If-Match", "\"1\"").body(confirmation("王师傅", now, png)).post(base + "/confirmation")
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("confirmation.name", equalTo("王师傅"))
                .body("confirmation.signatureAttachmentId", equalTo(png));
        as("WAREHOUSE").header("If-Match", "\"2\"").body(confirmation("王师傅", now, png)).post(base + "/confirmation")
                .then().statusCode(403);
        asCustomer(UUID.fromString(w.customerId())).header("If-Match", "\"2\"").body(confirmation("王师傅", now, png))
                .post(base + "/confirmation").then().statusCode(403);
        as("REPAIR").header("If-Match", "\"1\"").body(confirmation("李四", now, png)).post(base + "/confirmation")
                .then().statusCode(412);
    }

    @Test
    void theFieldEngineerDownloadsWhatChangedAfterTheCursor() {
        String engineer = Api.unique("field-engineer");
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String[] mine = plannedVisit(w, "李工", engineer);
        String[] others = plannedVisit(w, "王工");

        // The first download: everything of the engineer's visits and their cases, page by page.
        JsonPath page1 = asPerson(engineer, "ENGINEER").queryParam("limit", 1).get("/api/v1/field-work/changes")
                .then().statusCode(200).body("items.size()", equalTo(1)).extract().jsonPath();
        assertThat(page1.getString("nextCursor")).isNotNull();
        JsonPath page2 = asPerson(engineer, "ENGINEER").queryParam("cursor", page1.getString("nextCursor"))
                .get("/api/v1/field-work/changes").then().statusCode(200).body("nextCursor", nullValue()).extract().jsonPath();
        List<String> kinds = new java.util.ArrayList<>(page1.getList("items.kind"));
        kinds.addAll(page2.getList("items.kind"));
        List<String> itemIds = new java.util.ArrayList<>(page1.getList("items.id"));
        itemIds.addAll(page2.getList("items.id"));
        assertThat(kinds).containsExactlyInAnyOrder("CASE", "VISIT");
        assertThat(itemIds).containsExactlyInAnyOrder(mine[0], mine[1]).doesNotContain(others[1], others[0]);
        String sync = page2.getString("syncCursor");
        assertThat(page2.getString("items.find { it.kind == 'VISIT' }.visit.site")).isEqualTo("郑州公交三公司停车场");

        // Nothing changed since: nothing to download, and the cursor stays.
        asPerson(engineer, "ENGINEER").queryParam("cursor", sync).get("/api/v1/field-work/changes").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("syncCursor", equalTo(sync));

        // A change after the cursor shows up, alone; a change of a visit not the engineer's does not.
        TestClock.advance(Duration.ofMinutes(1));
        as("REPAIR").header("If-Match", "\"0\"").post("/api/v1/cases/" + mine[0] + "/visits/" + mine[1] + "/start")
                .then().statusCode(200);
        as("REPAIR").header("If-Match", "\"0\"").post("/api/v1/cases/" + others[0] + "/visits/" + others[1] + "/start")
                .then().statusCode(200);
        JsonPath changed = asPerson(engineer, "ENGINEER").queryParam("cursor", sync).get("/api/v1/field-work/changes")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].kind", equalTo("VISIT"))
                .body("items[0].id", equalTo(mine[1])).body("items[0].visit.status", equalTo("STARTED"))
                .extract().jsonPath();
        assertThat(changed.getString("syncCursor")).isNotEqualTo(sync);

        // Someone else's download does not hold the engineer's visits; customers, and roles without field work, get none.
        asPerson(Api.unique("field-engineer"), "ENGINEER").get("/api/v1/field-work/changes").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("syncCursor", nullValue());
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/field-work/changes").then().statusCode(403);
        as("WAREHOUSE").get("/api/v1/field-work/changes").then().statusCode(403);
        asPerson(engineer, "ENGINEER").queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/field-work/changes")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    private static List<Row> workbook(byte[] xlsx) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getFirstSheet().read();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The text right of a label in the first column. */
    private static String cell(List<Row> rows, String label) {
        return rows.stream().filter(r -> label.equals(r.getCellText(0))).findFirst()
                .map(r -> r.getCellText(1)).orElseThrow(() -> new AssertionError("no row " + label));
    }
}
