package com.aftersales.notify;

import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.CustomerBodies.contact;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AFTERSALES_MAIL_TRANSPORT=ses: notices go out through the SESv2 SendEmail API (here a local endpoint, {@link FakeSes}),
 * signed with the execution role's credentials, and never through SMTP; an error answer from SES is a failed delivery,
 * retried and given up by the outbox rules as with SMTP and webhooks.
 */
@QuarkusTest
@TestProfile(SesMailTest.Ses.class)
class SesMailTest {

    public static class Ses implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeSes.class));
        }
    }

    @Inject
    MockMailbox smtp;

    @Test
    void noticesAreSentThroughTheSesApiAndItsErrorsAreRetriedThenDead() {
        String delivered = NoticeSenderTest.email("ses");
        String rejected = "rejected-" + NoticeSenderTest.email("ses");
        String unavailable = "unavailable-" + NoticeSenderTest.email("ses");
        // From two hours ago the clock moves on past each backoff, and stays in the past.
        TestClock.advance(Duration.ofHours(-2));
        String customer = NoticeSenderTest.customer(contact("张经理").email(delivered), contact("李工").email(rejected),
                contact("王工").email(unavailable));
        String serial = NoticeSenderTest.expiringUnit(customer);
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        // The warranty-expiry run also alerts for other tests' units, and a sender run delivers at most 100: run it
        // until this customer's three deliveries have had their first attempt (at the same clock time, so no backoff
        // passes and no delivery is tried twice).
        String untried = "select count(*) from notice_delivery d join notice n on n.id = d.notice_id "
                + "where n.customer_id = cast(?1 as uuid) and d.attempts = 0 and d.status = 'PENDING'";
        for (int run = 0; run < 20 && (run == 0 || Sql.count(untried, customer) > 0); run++) {
            as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
        }
        assertThat(Sql.count(untried, customer)).isZero();

        List<FakeSes.Call> calls = FakeSes.CALLS.stream().filter(c -> c.to().equals(delivered)).toList();
        assertThat(calls).hasSize(1);
        FakeSes.Call call = calls.get(0);
        assertThat(call.method() + " " + call.path()).isEqualTo("POST /v2/email/outbound-emails");
        assertThat(call.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/ap-southeast-1/ses/aws4_request");
        assertThat(call.body().path("FromEmailAddress").asText()).isEqualTo("aftersales@example.cn");
        assertThat(call.body().path("Destination").path("ToAddresses")).hasSize(1);
        var message = call.body().path("Content").path("Simple");
        assertThat(message.path("Subject").path("Data").asText()).isEqualTo("包修期即将到期：" + serial);
        assertThat(message.path("Subject").path("Charset").asText()).isEqualTo("UTF-8");
        assertThat(message.path("Body").path("Text").path("Data").asText()).contains("可签订保修协议");
        assertThat(message.path("Body").path("Text").path("Charset").asText()).isEqualTo("UTF-8");
        String deliveryId = message.path("Headers").path(0).path("Value").asText();
        assertThat(message.path("Headers").path(0).path("Name").asText()).isEqualTo("X-Aftersales-Delivery");
        assertThat(Sql.text("select status || ' ' || address from notice_delivery where id = cast(?1 as uuid)", deliveryId))
                .isEqualTo("SENT " + delivered);
        assertThat(java.util.Optional.ofNullable(smtp.getMailsSentTo(delivered)).orElse(List.of())).isEmpty();

        String state = "select d.attempts || ':' || d.status || ':' || coalesce(d.last_error, '') from notice_delivery d "
                + "join notice n on n.id = d.notice_id where d.address = ?1 and n.customer_id = cast(?2 as uuid)";
        assertThat(Sql.text(state, rejected, customer)).startsWith("1:PENDING:")
                .contains("Email address is not verified").contains("Status Code: 400");
        assertThat(Sql.text(state, unavailable, customer)).startsWith("1:PENDING:").contains("Status Code: 503");
        // The outbox rules: a retry after 2^attempt minutes, DEAD after the fifth attempt; the delivered one stays sent once.
        for (int attempt = 1; attempt < 5; attempt++) {
            as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
            assertThat(Sql.text(state, rejected, customer)).startsWith(attempt + ":PENDING:");
            TestClock.advance(Duration.ofMinutes(1L << attempt).plusSeconds(1));
            as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
            assertThat(Sql.text(state, rejected, customer)).startsWith((attempt + 1) + (attempt == 4 ? ":DEAD:" : ":PENDING:"));
        }
        assertThat(Sql.text(state, unavailable, customer)).startsWith("5:DEAD:");
        assertThat(FakeSes.CALLS.stream().filter(c -> c.to().equals(delivered))).hasSize(1);
        assertThat(FakeSes.CALLS.stream().filter(c -> c.to().equals(rejected))).hasSize(5);
        as("ADMIN").get("/api/v1/admin/notifications/dead").then().statusCode(200)
                .body("address", org.hamcrest.Matchers.hasItems(rejected, unavailable));
    }
}
