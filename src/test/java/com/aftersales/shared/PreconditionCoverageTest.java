package com.aftersales.shared;

import com.aftersales.support.Api;
import com.aftersales.shared.security.Roles;
import com.aftersales.support.OpenApiOperations;
import com.aftersales.support.OpenApiOperations.Operation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every update of an existing record names the version it was based on: the test reads the service's own OpenAPI
 * document (/q/openapi, the same as docs/openapi.json) and calls every PUT, PATCH and DELETE, and every POST on an
 * existing record, without If-Match. Each must answer 428 problem+json before anything else (before looking the record
 * up or reading the body), so an endpoint added without the check fails here. The only exceptions are creating calls,
 * listed below one by one with the reason.
 */
@QuarkusTest
class PreconditionCoverageTest {

    /** Calls that create a record rather than change one: no version to name. Each line says what it creates. */
    static final Map<String, String> CREATING = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/admin/jobs/{name}/runs", "starts a new run of a job (a job_run row)"),
            Map.entry("POST /api/v1/admin/webhooks", "registers a webhook endpoint"),
            Map.entry("POST /api/v1/cases", "opens a case (offline submissions keyed by their client id)"),
            Map.entry("POST /api/v1/cases/{caseId}/attachments", "creates an attachment (a retry with the same "
                    + "Idempotency-Key answers the same announcement)"),
            Map.entry("POST /api/v1/cases/{caseId}/attachments/{attachmentId}/upload-url", "issues a new upload URL for "
                    + "an announcement not yet uploaded: the record does not change (an audit entry is added)"),
            Map.entry("POST /api/v1/cases/{caseId}/attachments/{attachmentId}/confirmation", "completes the creation "
                    + "started by POST .../attachments: the announced upload becomes a readable attachment; nothing a reader "
                    + "has seen changes, and a repeat changes nothing"),
            Map.entry("POST /api/v1/cases/{caseId}/costs", "adds a cost line"),
            Map.entry("POST /api/v1/cases/{caseId}/invoices", "issues an invoice of chargeable work (a new row; each cost "
                    + "line is invoiced once, held by its key, so a repeat finds nothing to invoice: 409)"),
            Map.entry("POST /api/v1/cases/{caseId}/quotes", "adds a quote"),
            Map.entry("POST /api/v1/cases/{caseId}/visits", "plans a field visit"),
            Map.entry("POST /api/v1/cases/{caseId}/visits/{visitId}/report", "an offline submission of the whole visit "
                    + "report, keyed by the client's submissionId (issue 24's clarification: no If-Match); a retry answers "
                    + "the same report and changes nothing, another report on a completed visit is 409"),
            Map.entry("POST /api/v1/cases/{id}/notes", "adds a note to the timeline"),
            Map.entry("POST /api/v1/cases/{id}/eight-d-waivers", "records a waiver of one linked 8D report (a new row; "
                    + "a second waiver of the same report is 409)"),
            Map.entry("POST /api/v1/cases/reassignment", "hands over a leaver's open cases in bulk: no single version to "
                    + "name; it locks every case it moves and is all or nothing"),
            Map.entry("POST /api/v1/customers", "creates a customer"),
            Map.entry("POST /api/v1/gm-delegations", "delegates the general manager's approvals for a period (a new row)"),
            Map.entry("POST /api/v1/customers/{customerId}/warranty-terms", "adds a warranty term"),
            Map.entry("POST /api/v1/eight-d-reports", "opens an 8D report"),
            Map.entry("POST /api/v1/problem-digests", "publishes a digest"),
            Map.entry("POST /api/v1/problem-digests/{id}/acknowledgement", "records the caller's acknowledgement "
                    + "(one row per reader, keyed by the caller; a repeat changes nothing)"),
            Map.entry("POST /api/v1/problems", "adds a problem to the library"),
            Map.entry("POST /api/v1/problems/from-report/{reportId}", "adds a problem from a closed 8D report"),
            Map.entry("POST /api/v1/recalls", "drafts a campaign"),
            Map.entry("POST /api/v1/returns", "opens a return order"),
            Map.entry("POST /api/v1/suppliers", "registers a supplier"),
            Map.entry("POST /api/v1/supplier-recoveries", "raises a debit note (a new row; a second one for the same "
                    + "returned unit is 409)"),
            Map.entry("POST /api/v1/spare-parts", "creates a spare part"),
            Map.entry("POST /api/v1/spare-parts/{id}/movements", "books a stock movement (a new movement row; stock never "
                    + "goes negative, Idempotency-Key against a retried issue)"),
            Map.entry("POST /api/v1/spare-plans", "drafts a spare-parts plan"),
            Map.entry("POST /api/v1/transfer-orders", "requests a transfer order"),
            Map.entry("POST /api/v1/station/visits/{visitId}/fees", "adds a service station's fee line (Idempotency-Key "
                    + "against a retried submission)"),
            Map.entry("POST /api/v1/station/visits/{visitId}/attachments", "creates an attachment of the visit's case "
                    + "(as POST /api/v1/cases/{caseId}/attachments)"),
            Map.entry("POST /api/v1/station/visits/{visitId}/attachments/{attachmentId}/confirmation", "completes the "
                    + "creation started by POST .../attachments (as the case attachment's confirmation)"),
            Map.entry("POST /api/v1/units", "registers a unit"),
            Map.entry("POST /api/v1/units/import", "registers units from a file"),
            Map.entry("POST /api/v1/ledger/import", "writes historical cases from a ledger file (existing case numbers are skipped)"),
            Map.entry("POST /api/v1/units/{serialNo}/service-contracts", "adds a service contract")));

    @Test
    void everyUpdateOfAnExistingRecordAnswers428WithoutIfMatch() {
        Set<String> staff = Set.copyOf(Roles.STAFF);
        String token = Api.jwt("precondition-probe").groups(staff).sign();
        List<Operation> writes = OpenApiOperations.all().stream().filter(Operation::writes).toList();
        Set<String> keys = writes.stream().map(Operation::key).collect(Collectors.toSet());
        assertThat(keys).as("allow-listed operations that no longer exist").containsAll(CREATING.keySet());

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation op : writes) {
            if (CREATING.containsKey(op.key())) {
                continue;
            }
            // Every staff role at once, so the role check lets the call through; a placeholder record; an empty body.
            Response r = op.withEmptyBody(RestAssured.given().auth().oauth2(token).header("Accept-Language", "en"))
                    .request(op.method(), OpenApiOperations.placeholderPath(op.path()));
            checked++;
            if (r.statusCode() != 428 || !String.valueOf(r.contentType()).startsWith("application/problem+json")
                    || !r.asString().contains("\"urn:problem:aftersales:precondition_required")) {
                wrong.add(op.key() + " answers " + r.statusCode() + " " + r.asString());
            }
        }
        System.out.printf("[measure] preconditions: %d updates answer 428 without If-Match, %d creating calls%n", checked,
                CREATING.size());
        assertThat(checked).isGreaterThan(40);
        assertThat(wrong).as("updates of existing records that do not require If-Match").isEmpty();
    }
}
