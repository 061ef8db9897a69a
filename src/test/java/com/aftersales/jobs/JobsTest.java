package com.aftersales.jobs;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.Jobs;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import com.aftersales.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.SparePartBodies.movement;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
public class JobsTest {

    /** Delivered so that a 24-month warranty ends {@code days} from today. */
    public static String unitEndingIn(String customer, int days) {
        String serial = Api.unique("WX");
        LocalDate delivered = today().plusDays(days + 1).minusMonths(24);
        return Fixtures.unit(UnitBodies.unit(customer).serialNo(serial).delivered(delivered));
    }

    @SuppressWarnings("unchecked")
    static List<Object[]> sql(String query, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = CDI.current().select(EntityManager.class).get().createNativeQuery(query);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }


    @Test
    @Tag("concurrency")
    void warrantyExpiryNotifiesEachDueUnitExactlyOnceUnderConcurrentRuns() throws Exception {
        String customer = Api.newCustomer(Api.unique("wx"));
        as("SALES").body(WarrantyBodies.term("COMMERCIAL_VEHICLE").effectiveFrom(LocalDate.of(2015, 1, 1)).json())
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        String in20 = unitEndingIn(customer, 20);
        String in45 = unitEndingIn(customer, 45);
        String in100 = unitEndingIn(customer, 100);
        String covered = unitEndingIn(customer, 20);
        as("SALES").body(WarrantyBodies.contract("C-" + covered, today().plusDays(21), today().plusYears(2), "100").json())
                .post("/api/v1/units/" + covered + "/service-contracts").then().statusCode(201);

        Jobs.fireConcurrently("warranty-expiry", 10);

        List<Object[]> notices = sql("select payload ->> 'serialNo', payload ->> 'windowDays', recipient_role, customer_id "
                + "from notice where kind = 'WARRANTY_EXPIRY' and payload ->> 'serialNo' = any(?1) order by 1, 3",
                (Object) new String[]{in20, in45, in100, covered});
        assertThat(notices).hasSize(4);
        assertThat(notices.stream().map(n -> n[0] + "/" + n[1] + "/" + (n[2] == null ? "customer" : n[2])).toList())
                .containsExactlyInAnyOrder(in20 + "/30/SALES", in20 + "/30/customer", in45 + "/60/SALES", in45 + "/60/customer");
        as("ADMIN").queryParam("job", "warranty-expiry").get("/api/v1/admin/jobs/runs").then().statusCode(200)
                .body("[0].outcome", equalTo("OK"));

        // Both sides see it in their inbox; the customer marks it read.
        as("SALES").get("/api/v1/me/notifications").then().statusCode(200).body("items.kind", hasItem("WARRANTY_EXPIRY"));
        String id = asCustomer(UUID.fromString(customer)).get("/api/v1/me/notifications").then().statusCode(200)
                .body("items.size()", equalTo(2)).extract().path("items[0].id");
        // Marking read names the version the inbox showed: without If-Match 428 and it stays unread, stale 412.
        asCustomer(UUID.fromString(customer)).post("/api/v1/me/notifications/" + id + "/read").then().statusCode(428);
        asCustomer(UUID.fromString(customer)).header("If-Match", "\"4\"").post("/api/v1/me/notifications/" + id + "/read")
                .then().statusCode(412);
        asCustomer(UUID.fromString(customer)).queryParam("unread", "true").get("/api/v1/me/notifications")
                .then().body("items.size()", equalTo(2)).body("items.find { it.id == '" + id + "' }.version", equalTo(0));
        asCustomer(UUID.fromString(customer)).header("If-Match", "\"0\"").post("/api/v1/me/notifications/" + id + "/read")
                .then().statusCode(204);
        asCustomer(UUID.fromString(customer)).queryParam("unread", "true").get("/api/v1/me/notifications")
                .then().body("items.size()", equalTo(1));
        asCustomer(UUID.fromString(customer)).get("/api/v1/me/notifications")
                .then().body("items.find { it.id == '" + id + "' }.version", equalTo(1));
        asCustomer(UUID.fromString(Api.newCustomer(Api.unique("wy")))).header("If-Match", "\"1\"")
                .post("/api/v1/me/notifications/" + id + "/read").then().statusCode(404);
    }

    @Test
    @Tag("concurrency")
    void slaBreachesAreAlertedOncePerDueTime() throws Exception {
        CaseTestData.World w = CaseTestData.world("SYSTEM");
        // Opened 400 hours ago: both due times have passed.
        TestClock.advance(Duration.ofHours(-400));
        String caseId = CaseTestData.openCase(w);
        TestClock.reset();
        Jobs.fireConcurrently("sla-breach", 10);
        List<Object[]> rows = sql("select payload ->> 'breach', recipient_role from notice where kind = 'SLA_BREACH' "
                + "and payload ->> 'caseId' = ?1 order by 1", caseId);
        assertThat(rows.stream().map(r -> r[0] + "/" + r[1]).toList())
                .containsExactly("first-response/SALES_MANAGER", "resolution/SALES_MANAGER");
    }

    @Test
    @Tag("concurrency")
    void oneSafetyStockAlertPerEpisode() throws Exception {
        String part = as("PRODUCT_MANAGER").body(SparePartBodies.part("熔断器", "12.00").json())
                .post("/api/v1/spare-parts").then().statusCode(201).extract().path("id");
        String location = "JOB_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        as("WAREHOUSE").body(movement("RECEIPT", location, 2).json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        com.aftersales.support.Fixtures.stockLevels(part, location, 5, 6);
        Jobs.fireConcurrently("safety-stock", 10);
        String count = "select count(*) from notice where kind = 'SAFETY_STOCK' and payload ->> 'location' = ?1";
        assertThat(Sql.count(count, location)).isEqualTo(2);
        as("ADMIN").post("/api/v1/admin/jobs/safety-stock/runs").then().statusCode(200);
        assertThat(Sql.count(count, location)).isEqualTo(2);
        // Recovered, then below again: a new episode, new alerts.
        as("WAREHOUSE").body(movement("RECEIPT", location, 10).json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        as("ADMIN").post("/api/v1/admin/jobs/safety-stock/runs").then().statusCode(200);
        as("WAREHOUSE").body(movement("ADJUSTMENT", location, -10).reason("报废").json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        as("ADMIN").post("/api/v1/admin/jobs/safety-stock/runs").then().statusCode(200);
        assertThat(Sql.count(count, location)).isEqualTo(4);
        as("PRODUCT_MANAGER").post("/api/v1/admin/jobs/safety-stock/runs").then().statusCode(403);
        as("ADMIN").post("/api/v1/admin/jobs/no-such-job/runs").then().statusCode(404);
    }
}
