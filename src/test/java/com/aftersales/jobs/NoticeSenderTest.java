package com.aftersales.jobs;

import com.aftersales.support.Api;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class NoticeSenderTest {

    @Inject
    MockMailbox mailbox;

    static String customer(String email) {
        String contacts = email == null ? "[{\"name\":\"无邮箱联系人\"}]" : "[{\"name\":\"张经理\",\"email\":\"" + email + "\"}]";
        return as("SALES").body("""
                        {"code":"%s","name":"邮件测试客户","type":"FLEET","contacts":%s}""".formatted(Api.unique("ml"), contacts))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    static void expiringUnit(String customer) {
        as("SALES").body("{\"productLine\":\"COMMERCIAL_VEHICLE\",\"months\":24,\"effectiveFrom\":\"2015-01-01\"}")
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        JobsTest.unitEndingIn(customer, 10);
    }

    @Test
    void customerNoticesAreMailedOnceEvenWhenTheSenderRunsConcurrently() throws Exception {
        String email = Api.unique("fleet").toLowerCase() + "@example.cn";
        String customer = customer(email);
        expiringUnit(customer);
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        JobsTest.fireConcurrently("notice-sender", 10);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
        assertThat(mailbox.getMailsSentTo(email).get(0).getSubject()).contains("包修期即将到期");
        assertThat(JobsTest.count("select count(*) from notice where customer_id = cast(?1 as uuid) and status = 'SENT' "
                + "and channel = 'EMAIL'", customer)).isEqualTo(1);
    }

    @Test
    void undeliverableNoticesAreRetriedWithBackoffAndEndDead() throws Exception {
        String customer = customer(null);
        expiringUnit(customer);
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        String state = "select attempts || ':' || status from notice where customer_id = cast(?1 as uuid)";
        for (int attempt = 1; attempt <= 5; attempt++) {
            as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
            // Backoff: a run before next_attempt_at does not touch the notice.
            as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
            String expected = attempt + ":" + (attempt == 5 ? "DEAD" : "PENDING");
            assertThat(QuarkusTransaction.requiringNew().call(() -> CDI.current().select(EntityManager.class).get()
                    .createNativeQuery(state).setParameter(1, customer).getSingleResult())).isEqualTo(expected);
            QuarkusTransaction.requiringNew().run(() -> CDI.current().select(EntityManager.class).get()
                    .createNativeQuery("update notice set next_attempt_at = now() - interval '1 second' where customer_id = cast(?1 as uuid)")
                    .setParameter(1, customer).executeUpdate());
        }
        as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
        assertThat(JobsTest.count("select attempts from notice where customer_id = cast(?1 as uuid)", customer)).isEqualTo(5);
        String dead = as("ADMIN").get("/api/v1/admin/notifications/dead").then().statusCode(200)
                .body("lastError", org.hamcrest.Matchers.hasItem("the customer has no contact e-mail"))
                .extract().path("find { it.customerId == '" + customer + "' }.id");
        as("SALES").get("/api/v1/admin/notifications/dead").then().statusCode(403);
        as("ADMIN").post("/api/v1/admin/notifications/" + dead + "/resend").then().statusCode(204);
        assertThat(JobsTest.count("select attempts from notice where customer_id = cast(?1 as uuid)", customer)).isZero();
    }
}
