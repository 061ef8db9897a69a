package com.aftersales.retention;

import com.aftersales.AftersalesConfig;
import com.aftersales.support.Api;
import com.aftersales.support.ContractValidation;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: the retention purge removes personal data from every place it can sit. Known strings are planted in every
 * such place for a unit past retention and for a unit still under retention; after the retention job, none of the
 * expired unit's strings is found, through the API (case view, timeline, visits, costs, attachments, audit trail,
 * inbox, idempotent replay) or in any text or JSON column of the database, and its objects are gone from the store;
 * the other unit keeps every one of its strings.
 */
@QuarkusTest
class PurgeTest {

    /** Every column a planted string lands in: the places the purge must reach (docs/security.md lists them). */
    static final List<String> PLACES = List.of(
            "unit.end_customer",
            "service_case.title", "service_case.description", "service_case.reporter_name", "service_case.reporter_phone",
            "service_case.reporter_email", "service_case.major_reason", "service_case.action_plan",
            "case_event.text", "case_event.text_args", "case_gate_waiver.reason",
            "field_visit.site", "field_visit.work_done", "field_visit.result", "field_visit.travel_comment",
            "case_cost.description", "case_cost.decision_comment", "follow_up.comments",
            "return_order.reason", "return_test.conditions", "return_test.measured",
            "eight_d_report.title", "eight_d_report.d2", "eight_d_report.d4_occurrence", "eight_d_report.summary",
            "eight_d_discipline.content", "eight_d_action.description", "eight_d_action.effectiveness",
            "notice.payload",
            "attachment.file_name", "idempotency_key.response_body",
            "audit_log.after_state");

    @Inject
    AftersalesConfig config;

    /** What was planted for one unit: the strings all start with {@code prefix}. */
    record Planted(String prefix, String serial, String caseId, String customer, String idempotencyKey, String openBody,
                   String inboxSubject, List<String> auditIds) {
    }

    @Test
    void thePurgeLeavesNoPersonalDataOfAnExpiredUnitAnywhere() throws IOException {
        String customer = Api.newCustomer(Api.unique("pg"));
        String model = Api.unique("M1");
        RetentionTest.life(model, 1);
        // Delivered 2020 with a one-year life: kept until 2022-12-31, long past. Delivered 2025 (default life): kept.
        Planted expired = plant(customer, RetentionTest.unit(customer, model, "2020-05-01"), "2020-06-01");
        // Anonymised by the purge before V35, which cleared only the unit, the reporter, the description, notes and
        // follow-up comments: the next run finishes it.
        Planted older = plant(customer, RetentionTest.unit(customer, model, "2020-05-01"), "2020-06-01");
        Sql.exec("update unit set vin = null, end_customer = null, anonymised_at = now() where serial_no = ?1", older.serial());
        Sql.exec("update service_case set reporter_name = '（已匿名）', reporter_phone = null, reporter_email = null, "
                + "description = '（已匿名）', anonymised_at = now() where id = cast(?1 as uuid)", older.caseId());
        Sql.exec("update case_event set text = null, text_args = null where case_id = cast(?1 as uuid) and kind = 'NOTE'",
                older.caseId());
        Sql.exec("update follow_up set comments = null where case_id = cast(?1 as uuid)", older.caseId());
        Planted kept = plant(customer, RetentionTest.unit(customer, Api.unique("M-NEW"), "2025-05-01"), "2025-06-01");

        // Before: every planted place holds its string, and the API shows them.
        assertThat(places(expired.prefix())).containsAll(PLACES);
        assertThat(seenThroughTheApi(expired)).containsAll(apiPlaces(expired));
        assertThat(objects(expired)).hasSize(3);

        as("ADMIN").post("/api/v1/admin/jobs/retention/runs").then().statusCode(200);

        // After: nothing of the expired unit's, in no column of no table, nowhere in the API, no object in the store.
        assertThat(places(expired.prefix())).as("columns still holding the expired unit's strings").isEmpty();
        assertThat(seenThroughTheApi(expired)).as("API answers still showing the expired unit's strings").isEmpty();
        assertThat(objects(expired)).as("objects of the expired case").isEmpty();
        assertThat(Sql.text("select coalesce(vin, '-') from unit where serial_no = ?1", expired.serial())).isEqualTo("-");
        assertThat(places(older.prefix())).as("columns still holding strings of a case the older purge anonymised").isEmpty();
        assertThat(seenThroughTheApi(older)).isEmpty();
        assertThat(objects(older)).isEmpty();
        // The records stay for the statistics: the case is there, anonymised; a replay runs nothing again.
        as("ADMIN").get("/api/v1/cases/" + expired.caseId()).then().statusCode(200);
        assertThat(Sql.count("select count(*) from service_case where customer_id = cast(?1 as uuid)", customer)).isEqualTo(3);
        // The unit under retention keeps every one of its strings.
        assertThat(places(kept.prefix())).containsAll(PLACES);
        assertThat(seenThroughTheApi(kept)).containsAll(apiPlaces(kept));
        assertThat(objects(kept)).hasSize(3);
    }

    /** A unit's case with a known string in every place personal data can sit. */
    Planted plant(String customer, String serial, String failed) throws IOException {
        String p = "PII-" + UUID.randomUUID().toString().substring(0, 8);
        Sql.exec("update unit set end_customer = ?1 where serial_no = ?2", p + "-endCustomer", serial);
        // Through the API: the case (with an Idempotency-Key, so its response is stored), a note, a visit, a cost and an
        // attachment; each writes its audit entry, and the case's routing writes a notice.
        String key = UUID.randomUUID().toString();
        String openBody = CaseBodies.open(customer).unit(serial).failureDate(LocalDate.parse(failed)).title(p + "-title")
                .description(p + "-description").reporter(p + "-reporter", null).severity("LOW").json();
        String caseId = as("SALES").header("Idempotency-Key", key).body(openBody).post("/api/v1/cases").then().statusCode(201)
                .extract().path("id");
        as("SALES").body(CaseBodies.note(p + "-note", "INTERNAL")).post("/api/v1/cases/" + caseId + "/notes").then().statusCode(201);
        String visitId = as("REPAIR").body(CaseBodies.visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), p + "-site")
                .technician("周工").json()).post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201).extract().path("id");
        String costId = as("SALES").body(CaseBodies.cost("TRAVEL", "300").description(p + "-cost").json())
                .post("/api/v1/cases/" + caseId + "/costs").then().statusCode(201).extract().path("id");
        String attachmentId = as("SALES").body(CaseBodies.attachment(p + "-photo.jpg", "image/jpeg", 10))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).extract().path("id");
        // The attachment's bytes: the uploaded object, the confirmed copy, and another object of the case.
        for (String name : List.of(attachmentId + ".upload", attachmentId, "older-object")) {
            Path file = Path.of(config.attachments().localDir(), "cases", caseId, name);
            Files.createDirectories(file.getParent());
            Files.write(file, (p + "-bytes").getBytes(StandardCharsets.UTF_8));
        }
        // Placed with SQL: what other areas and later steps write about the case.
        Sql.exec("update service_case set reporter_phone = ?2, reporter_email = ?3, major_reason = ?4, action_plan = ?5 "
                + "where id = cast(?1 as uuid)", caseId, p + "-phone", p + "-mail@example.com", p + "-major", p + "-plan");
        Sql.exec("insert into case_event (case_id, actor, kind, from_status, to_status, text, visibility) "
                + "values (cast(?1 as uuid), 'test', 'TRANSITION', 'NEW', 'ACKNOWLEDGED', ?2, 'CUSTOMER')", caseId, p + "-transition");
        Sql.exec("insert into case_event (case_id, actor, kind, text, visibility, text_key, text_args) values (cast(?1 as uuid), "
                + "'test', 'NOTE', '回访：' || ?2, 'INTERNAL', 'returns.received_note', cast(?3 as jsonb))", caseId, p + "-timelineArg",
                "[\"" + p + "-textArgs\"]");
        Sql.exec("update field_visit set work_done = ?2, result = ?3, travel_comment = ?4 where id = cast(?1 as uuid)",
                visitId, p + "-workDone", p + "-result", p + "-travel");
        Sql.exec("update case_cost set decision_comment = ?2 where id = cast(?1 as uuid)", costId, p + "-decision");
        Sql.exec("insert into follow_up (id, case_id, round, due_date, status, comments) values (gen_random_uuid(), "
                + "cast(?1 as uuid), 1, date '2020-07-01', 'DONE', ?2)", caseId, p + "-followUp");
        String returnId = UUID.randomUUID().toString();
        Sql.exec("insert into return_order (id, return_no, case_id, reason, status, authorised_by) values (cast(?1 as uuid), ?2, "
                + "cast(?3 as uuid), ?4, 'TESTING', 'test')", returnId, Api.unique("RMA"), caseId, p + "-returnReason");
        Sql.exec("insert into return_test (id, return_id, serial_no, test_name, conditions, measured, reproduced, tested_by) "
                + "values (gen_random_uuid(), cast(?1 as uuid), ?2, '耐压', ?3, ?4, true, 'test')", returnId, serial,
                p + "-conditions", p + "-measured");
        String reportId = UUID.randomUUID().toString();
        Sql.exec("insert into eight_d_report (id, report_no, title, customer_id, status, opened_on, d2, d4_occurrence, summary, "
                + "created_by) values (cast(?1 as uuid), ?2, ?3, cast(?4 as uuid), 'CLOSED', date '2020-06-02', cast(?5 as jsonb), "
                + "?6, ?7, 'test')", reportId, Api.unique("8D"), p + "-8dTitle", customer,
                "{\"what\": \"" + p + "-d2\"}", p + "-d4", p + "-summary");
        Sql.exec("insert into eight_d_case (report_id, case_id) values (cast(?1 as uuid), cast(?2 as uuid))", reportId, caseId);
        Sql.exec("insert into eight_d_discipline (report_id, discipline, due_date, status, content) values (cast(?1 as uuid), "
                + "'D2', date '2020-06-05', 'DONE', ?2)", reportId, p + "-discipline");
        Sql.exec("insert into eight_d_action (id, report_id, kind, description, owner, due_date, status, effectiveness) values "
                + "(gen_random_uuid(), cast(?1 as uuid), 'CORRECTIVE', ?2, 'test', date '2020-07-01', 'VERIFIED', ?3)",
                reportId, p + "-action", p + "-effectiveness");
        Sql.exec("insert into case_gate_waiver (case_id, report_id, reason, waived_by, waived_at) values (cast(?1 as uuid), "
                + "cast(?2 as uuid), ?3, 'test', now())", caseId, reportId, p + "-waiver");
        String inboxSubject = Api.unique("reader");
        Sql.exec("insert into notice (id, kind, payload, dedupe_key, recipient_subject, created_at) values (gen_random_uuid(), "
                + "'CASE_ROUTED', cast(?1 as jsonb), ?2, ?3, ?4)",
                "{\"caseId\": \"" + caseId + "\", \"caseNo\": \"X\", \"title\": \"" + p + "-noticeTitle\", \"severity\": \"LOW\", "
                        + "\"ownerRole\": \"SALES\"}", Api.unique("dedupe"), inboxSubject, com.aftersales.support.TestClock.now());
        Sql.exec("insert into audit_log (actor, action, entity_type, entity_id, after_state) values ('test', 'AUTHORISE', "
                + "'return', ?1, cast(?2 as jsonb)), ('test', 'CREATE', 'eight-d-report', ?3, cast(?4 as jsonb))",
                returnId, "{\"reason\": \"" + p + "-auditReturn\"}", reportId, "{\"title\": \"" + p + "-audit8d\"}");
        return new Planted(p, serial, caseId, customer, key, openBody, inboxSubject,
                List.of("case=" + caseId, "unit=" + serial, "field-visit=" + visitId, "case-cost=" + costId,
                        "attachment=" + attachmentId, "return=" + returnId, "eight-d-report=" + reportId));
    }

    /** Where the API shows the planted strings before the purge (the unit's own audit predates its end customer). */
    static List<String> apiPlaces(Planted planted) {
        String cases = "/api/v1/cases/" + planted.caseId();
        List<String> places = new ArrayList<>(List.of(cases, cases + "/events", cases + "/visits", cases + "/costs",
                cases + "/attachments", "inbox", "idempotent replay"));
        planted.auditIds().stream().filter(id -> !id.startsWith("unit=")).forEach(id -> places.add("audit " + id));
        return places;
    }

    /** Every text, JSON or array column of every table and view holding a string that starts with the prefix. */
    static List<String> places(String prefix) {
        List<String> found = new ArrayList<>();
        for (Object[] c : Sql.rows("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
                  and c.table_name <> 'flyway_schema_history'
                order by 1, 2""")) {
            String place = c[0] + "." + c[1];
            if (Sql.count("select count(*) from " + c[0] + " where cast(" + c[1] + " as text) like ?1", "%" + prefix + "%") > 0) {
                found.add(place);
            }
        }
        return found;
    }

    /** The API answers, about the planted records, that show one of the prefix's strings. */
    static List<String> seenThroughTheApi(Planted planted) {
        TreeSet<String> seen = new TreeSet<>();
        String cases = "/api/v1/cases/" + planted.caseId();
        for (String path : List.of(cases, cases + "/events", cases + "/visits", cases + "/costs", cases + "/attachments")) {
            if (as("ADMIN").get(path).then().statusCode(200).extract().asString().contains(planted.prefix())) {
                seen.add(path);
            }
        }
        for (String audited : planted.auditIds()) {
            String[] e = audited.split("=", 2);
            if (as("ADMIN").queryParam("entity", e[0]).queryParam("id", e[1]).get("/api/v1/audit").then().statusCode(200)
                    .extract().asString().contains(planted.prefix())) {
                seen.add("audit " + audited);
            }
        }
        if (Api.asPerson(planted.inboxSubject(), "ENGINEER").queryParam("limit", "100").get("/api/v1/me/notifications").then()
                .statusCode(200).extract().asString().contains(planted.prefix())) {
            seen.add("inbox");
        }
        // The same request with the same key: the stored response is replayed, the case not opened again.
        // Not held to the OpenAPI document: after an erasure the replayed 201 has no body (it held personal data).
        Response replay = as("SALES").noFiltersOfType(ContractValidation.class)
                .header("Idempotency-Key", planted.idempotencyKey()).body(planted.openBody()).post("/api/v1/cases");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        if (replay.asString().contains(planted.prefix()) || String.valueOf(replay.header("Location")).contains(planted.caseId())) {
            seen.add("idempotent replay");
        }
        return List.copyOf(seen);
    }

    /** The objects of the planted case in the store. */
    List<Path> objects(Planted planted) throws IOException {
        Path folder = Path.of(config.attachments().localDir(), "cases", planted.caseId());
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
