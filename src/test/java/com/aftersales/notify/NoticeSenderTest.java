package com.aftersales.notify;

import com.aftersales.support.CustomerBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.jobs.JobsTest;
import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.Jobs;
import com.aftersales.support.WarrantyBodies;
import com.aftersales.support.TestClock;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asPerson;
import static com.aftersales.support.CustomerBodies.contact;
import static com.aftersales.support.NotifyBodies.preferences;
import static com.aftersales.support.NotifyBodies.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class NoticeSenderTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** aftersales.notices.deliveries so far (other tests' deliveries may be sent in the same runs: compare with ≥). */
    double deliveries(String channel, String outcome) {
        var counter = registry.find("aftersales.notices.deliveries").tags("channel", channel, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    static String customer(CustomerBodies.Contact... contacts) {
        CustomerBodies.Customer customer = CustomerBodies.customer(Api.unique("ml")).name("邮件测试客户").type("FLEET");
        for (CustomerBodies.Contact contact : contacts) {
            customer.contact(contact);
        }
        return as("SALES").body(customer.json()).post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    static String expiringUnit(String customer) {
        Fixtures.term(customer, WarrantyBodies.term("COMMERCIAL_VEHICLE").effectiveFrom(LocalDate.of(2015, 1, 1)));
        return JobsTest.unitEndingIn(customer, 10);
    }

    static String email(String prefix) {
        return Api.unique(prefix).toLowerCase() + "@example.cn";
    }

    static byte[] hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void customerNoticesAreMailedOnceToEachContactInItsLanguage() throws Exception {
        String zh = email("zh");
        String en = email("en");
        String customer = customer(contact("张经理").email(zh), contact("John Smith").email(en.toUpperCase()).language("en"),
                contact("无邮箱"));
        expiringUnit(customer);
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        Jobs.fireConcurrently("notice-sender", 10);

        assertThat(mailbox.getMailsSentTo(zh)).hasSize(1);
        assertThat(mailbox.getMailsSentTo(zh).get(0).getSubject()).startsWith("包修期即将到期：");
        assertThat(mailbox.getMailsSentTo(zh).get(0).getText()).contains("可签订保修协议");
        assertThat(mailbox.getMailsSentTo(en)).hasSize(1);
        Mail english = mailbox.getMailsSentTo(en).get(0);
        assertThat(english.getSubject()).startsWith("Free warranty ends soon: ");
        // The delivery id is the Message-ID, so a resend after a crash is recognisable.
        String deliveryId = english.getHeaders().get("Message-ID").get(0).replaceAll("[<>]|@aftersales", "");
        assertThat(Sql.count("select count(*) from notice_delivery d join notice n on n.id = d.notice_id "
                + "where d.id = cast(?1 as uuid) and d.status = 'SENT' and d.address = ?2 and d.language = 'en' "
                + "and n.customer_id = cast(?3 as uuid)", deliveryId, en, customer)).isEqualTo(1);
        assertThat(Sql.count("select count(*) from notice_delivery d join notice n on n.id = d.notice_id "
                + "where n.customer_id = cast(?1 as uuid)", customer)).isEqualTo(2);
        // Everything stays in the customer's inbox too, rendered in the reader's language.
        Api.asCustomer(UUID.fromString(customer)).header("Accept-Language", "en").get("/api/v1/me/notifications")
                .then().statusCode(200).body("items[0].subject", org.hamcrest.Matchers.startsWith("Free warranty ends soon"));
    }

    @Test
    void staffGetEMailOnlyIfTheirPreferencesSaySoInTheirLanguageAndNotForMutedKinds() throws Exception {
        String mine = email("sales");
        String muted = email("muted");
        String subject = Api.unique("sales.wang").toLowerCase();
        String other = Api.unique("sales.li").toLowerCase();
        asPerson(subject, "SALES").get("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("language", equalTo("zh-CN")).body("emailEnabled", equalTo(false));
        // The first save creates the settings (If-None-Match: *); without a precondition 428 and nothing is saved.
        asPerson(subject, "SALES").body(preferences().language("en").email(mine).emailEnabled(true).json())
                .put("/api/v1/me/notification-preferences").then().statusCode(428);
        asPerson(subject, "SALES").get("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("emailEnabled", equalTo(false)).header("ETag", nullValue());
        asPerson(subject, "SALES").header("Accept-Language", "en").header("If-None-Match", "*")
                .body(preferences().language("en").email(mine.toUpperCase()).emailEnabled(true).muted("SERVICE_CONTRACT_EXPIRY").json())
                .put("/api/v1/me/notification-preferences").then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("email", equalTo(mine)).body("mutedKinds", equalTo(List.of("SERVICE_CONTRACT_EXPIRY")));
        asPerson(other, "SALES").header("If-None-Match", "*").body(preferences().email(muted).emailEnabled(true).muted("WARRANTY_EXPIRY").json())
                .put("/api/v1/me/notification-preferences").then().statusCode(200).body("language", equalTo("zh-CN"));
        // Saved settings change under their ETag only: a second create, no precondition, a stale version are refused.
        asPerson(subject, "SALES").header("If-None-Match", "*").body(preferences().email(muted).emailEnabled(true).json())
                .put("/api/v1/me/notification-preferences").then().statusCode(412);
        asPerson(subject, "SALES").body(preferences().email(muted).emailEnabled(true).json())
                .put("/api/v1/me/notification-preferences").then().statusCode(428);
        asPerson(subject, "SALES").header("If-Match", "\"3\"").body(preferences().email(muted).emailEnabled(true).json())
                .put("/api/v1/me/notification-preferences").then().statusCode(412);
        asPerson(subject, "SALES").get("/api/v1/me/notification-preferences").then().body("email", equalTo(mine))
                .header("ETag", equalTo("\"0\""));
        // Bad preferences are refused, in the caller's language, and change nothing.
        asPerson(subject, "SALES").header("Accept-Language", "en").header("If-Match", "\"0\"").body(preferences().emailEnabled(true).json())
                .put("/api/v1/me/notification-preferences").then().statusCode(422)
                .body("errors[0].field", equalTo("email")).body("errors[0].message", equalTo("e-mail notices need an e-mail address"));
        asPerson(subject, "SALES").header("If-Match", "\"0\"").body(preferences().language("fr").email("not-an-address").emailEnabled(true).json())
                .put("/api/v1/me/notification-preferences").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("language", "email"));
        asPerson(subject, "SALES").get("/api/v1/me/notification-preferences").then().body("email", equalTo(mine));

        // Both addresses are confirmed with the code mailed to them (an unconfirmed one gets nothing else).
        confirm(mailbox, subject, "SALES", mine);
        confirm(mailbox, other, "SALES", muted);
        String customer = customer(contact("无邮箱"));
        String serial = expiringUnit(customer);
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        Jobs.fireConcurrently("notice-sender", 10);
        assertThat(mailbox.getMailsSentTo(mine)).filteredOn(m -> m.getSubject().contains(serial)).singleElement()
                .extracting(Mail::getSubject).isEqualTo("Free warranty ends soon: " + serial);
        assertThat(mailbox.getMailsSentTo(muted)).noneMatch(m -> m.getSubject().contains(serial));
    }

    static final String PREFERENCES = "/api/v1/me/notification-preferences";
    static final String VERIFICATION = PREFERENCES + "/email-verification";

    /** The code of the last confirmation mail sent to the address. */
    static String code(MockMailbox mailbox, String address) {
        List<Mail> mails = java.util.Optional.ofNullable(mailbox.getMailsSentTo(address)).orElse(List.of());
        Mail last = mails.stream().filter(m -> m.getSubject().startsWith("Confirm your e-mail")
                || m.getSubject().startsWith("请确认")).reduce((a, b) -> b).orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9_-]{24})\n").matcher(last.getText());
        assertThat(m.find()).as("a code in " + last.getText()).isTrue();
        return m.group(1);
    }

    /** Confirms the person's address with the code mailed to it, under the ETag of their settings. */
    static void confirm(MockMailbox mailbox, String subject, String role, String address) {
        String etag = asPerson(subject, role).get(PREFERENCES).then().statusCode(200).extract().header("ETag");
        asPerson(subject, role).header("If-Match", etag).body(java.util.Map.of("token", code(mailbox, address))).post(VERIFICATION)
                .then().statusCode(200).body("emailVerified", equalTo(true));
    }

    @Test
    void anAddressGetsNothingButItsCodeUntilConfirmedAndAChangedAddressIsUnconfirmed() throws Exception {
        String address = email("unconfirmed");
        String subject = Api.unique("sales.zhao").toLowerCase();
        asPerson(subject, "SALES").header("If-None-Match", "*").body(preferences().language("en").email(address).emailEnabled(true).json())
                .put(PREFERENCES).then().statusCode(200).body("emailVerified", equalTo(false));
        assertThat(mailbox.getMailsSentTo(address)).singleElement().extracting(Mail::getSubject)
                .isEqualTo("Confirm your e-mail address for after-sales notices");
        String before = expiringUnit(customer(contact("无邮箱")));
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        Jobs.fireConcurrently("notice-sender", 10);
        assertThat(mailbox.getMailsSentTo(address)).hasSize(1).noneMatch(m -> m.getSubject().contains(before));

        // Without If-Match 428; a wrong code 422 in the caller's language; neither changes anything.
        asPerson(subject, "SALES").body(java.util.Map.of("token", code(mailbox, address))).post(VERIFICATION).then().statusCode(428);
        asPerson(subject, "SALES").header("If-Match", "\"0\"").header("Accept-Language", "en")
                .body(java.util.Map.of("token", code(mailbox, address) + "x")).post(VERIFICATION)
                .then().statusCode(422).body("errors[0].field", equalTo("token"))
                .body("errors[0].message", equalTo("the code is wrong or has expired; save the address again for a new one"));
        asPerson(subject, "SALES").get(PREFERENCES).then().body("emailVerified", equalTo(false)).header("ETag", equalTo("\"0\""));
        String code = code(mailbox, address);
        asPerson(subject, "SALES").header("If-Match", "\"0\"").body(java.util.Map.of("token", code)).post(VERIFICATION)
                .then().statusCode(200).body("emailVerified", equalTo(true)).header("ETag", equalTo("\"1\""));
        // Single use.
        asPerson(subject, "SALES").header("If-Match", "\"1\"").body(java.util.Map.of("token", code)).post(VERIFICATION)
                .then().statusCode(422);

        String after = expiringUnit(customer(contact("无邮箱")));
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        Jobs.fireConcurrently("notice-sender", 10);
        assertThat(mailbox.getMailsSentTo(address)).anyMatch(m -> m.getSubject().equals("Free warranty ends soon: " + after));

        // A changed address is unconfirmed again and gets its own code; the old one gets nothing more.
        String moved = email("moved");
        asPerson(subject, "SALES").header("If-Match", "\"1\"").body(preferences().language("en").email(moved).emailEnabled(true).json())
                .put(PREFERENCES).then().statusCode(200).body("emailVerified", equalTo(false));
        assertThat(mailbox.getMailsSentTo(moved)).singleElement().extracting(Mail::getSubject)
                .isEqualTo("Confirm your e-mail address for after-sales notices");
        String later = expiringUnit(customer(contact("无邮箱")));
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        Jobs.fireConcurrently("notice-sender", 10);
        assertThat(mailbox.getMailsSentTo(moved)).noneMatch(m -> m.getSubject().contains(later));
        assertThat(mailbox.getMailsSentTo(address)).noneMatch(m -> m.getSubject().contains(later));
    }

    @Test
    void webhooksAreSignedAndDeliveredOnceWithAStableDeliveryId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            String secret = "s3cret-" + UUID.randomUUID();
            String hook = as("ADMIN").body(webhook(Api.unique("质量群"), receiver.url("/hooks/aftersales"), "GENERIC").secret(secret)
                            .kind("CASE_ROUTED").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(201).body("signed", equalTo(true))
                    .body("$", not(org.hamcrest.Matchers.hasKey("secret"))).extract().path("id");
            try {
                String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
                String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("caseNo");
                Jobs.fireConcurrently("notice-sender", 10);
                List<WebhookReceiver.Received> mine = receiver.containing(caseNo);
                assertThat(mine).hasSize(1);
                WebhookReceiver.Received r = mine.get(0);
                String expected = "sha256=" + HexFormat.of().formatHex(hmac(secret, r.header("X-Aftersales-Timestamp") + "." + r.body()));
                assertThat(r.header("X-Aftersales-Signature")).isEqualTo(expected);
                JsonPath body = new JsonPath(r.body());
                assertThat(body.getString("kind")).isEqualTo("CASE_ROUTED");
                assertThat(body.getString("subject")).startsWith("新客诉单：" + caseNo);
                assertThat(body.getString("payload.caseId")).isEqualTo(caseId);
                assertThat(body.getString("id")).isEqualTo(r.header("X-Aftersales-Delivery"));
                assertThat(Sql.count("select count(*) from notice_delivery where id = cast(?1 as uuid) and status = 'SENT' "
                        + "and channel = 'WEBHOOK' and address = ?2", body.getString("id"), hook)).isEqualTo(1);
                as("ADMIN").get("/api/v1/admin/webhooks").then().statusCode(200).body("id", hasItem(hook));
            } finally {
                // Deactivating names the version read: without If-Match 428 and the endpoint stays, stale 412.
                as("ADMIN").delete("/api/v1/admin/webhooks/" + hook).then().statusCode(428);
                as("ADMIN").header("If-Match", "\"5\"").delete("/api/v1/admin/webhooks/" + hook).then().statusCode(412);
                as("ADMIN").get("/api/v1/admin/webhooks").then().body("find { it.id == '" + hook + "' }.version", equalTo(0));
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + hook).then().statusCode(204);
            }
            as("ADMIN").get("/api/v1/admin/webhooks").then().statusCode(200).body("id", not(hasItem(hook)));
        }
    }

    @Test
    void aFailingRobotIsRetriedWithBackoffThenDeadThenResentByAdmin() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            String secret = "SEC" + UUID.randomUUID().toString().replace("-", "");
            String hook = as("ADMIN").body(webhook(Api.unique("钉钉备件群"), receiver.url("/robot/send?access_token=abc"), "DINGTALK")
                            .secret(secret).language("en").role("PRODUCT_MANAGER").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
            try {
                String partNo = Api.unique("P");
                String part = as("PRODUCT_MANAGER").body(SparePartBodies.part("控制器熔断器", "12.00").partNo(partNo).productModel("EM35")
                                .wearPart(true).json()).post("/api/v1/spare-parts").then().statusCode(201).extract().path("id");
                // From two hours ago the clock moves on past each backoff, as time would, and stays in the past: no
                // other delivery falls due that would not be due anyway.
                TestClock.advance(Duration.ofHours(-2));
                String order = as("REPAIR").body(SparePartBodies.transfer("HQ", "WH-BJ").line(part, 2).json())
                        .post("/api/v1/transfer-orders").then().statusCode(201).extract().path("transferNo");
                String state = "select d.attempts || ':' || d.status from notice_delivery d join notice n on n.id = d.notice_id "
                        + "where d.address = ?1 and n.payload ->> 'transferNo' = ?2";
                double failedBefore = deliveries("WEBHOOK", "failed");
                double deadBefore = deliveries("WEBHOOK", "dead");
                for (int attempt = 1; attempt <= 5; attempt++) {
                    as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                    // Backoff: a run before next_attempt_at does not touch the delivery.
                    as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                    assertThat(Sql.text(state, hook, order)).isEqualTo(attempt + ":" + (attempt == 5 ? "DEAD" : "PENDING"));
                    TestClock.advance(Duration.ofMinutes(1L << attempt).plusSeconds(1)); // backoff: 2^attempt minutes
                }
                as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                assertThat(Sql.text(state, hook, order)).isEqualTo("5:DEAD");
                // The metrics counted each failed attempt and the one given up.
                assertThat(deliveries("WEBHOOK", "failed")).isGreaterThanOrEqualTo(failedBefore + 5);
                assertThat(deliveries("WEBHOOK", "dead")).isGreaterThanOrEqualTo(deadBefore + 1);
                List<WebhookReceiver.Received> tries = receiver.containing(order);
                assertThat(tries).hasSize(5);
                // DingTalk signing: timestamp and sign in the URL; the message in English, as the endpoint asked.
                WebhookReceiver.Received first = tries.get(0);
                String query = first.pathAndQuery().substring(first.pathAndQuery().indexOf('?') + 1);
                String timestamp = query.replaceAll(".*timestamp=([0-9]+).*", "$1");
                String sign = URLDecoder.decode(query.replaceAll(".*sign=([^&]+).*", "$1"), StandardCharsets.UTF_8);
                assertThat(sign).isEqualTo(Base64.getEncoder().encodeToString(hmac(secret, timestamp + "\n" + secret)));
                assertThat(new JsonPath(first.body()).getString("text.content")).startsWith("Transfer order awaits approval: " + order);
                assertThat(new JsonPath(first.body()).getString("msgtype")).isEqualTo("text");

                as("SALES").get("/api/v1/admin/notifications/dead").then().statusCode(403);
                String dead = as("ADMIN").get("/api/v1/admin/notifications/dead").then().statusCode(200)
                        .extract().path("find { it.address == '" + hook + "' }.id");
                as("ADMIN").get("/api/v1/admin/notifications/dead").then()
                        .body("find { it.id == '" + dead + "' }.lastError", equalTo("webhook answered HTTP 500"))
                        .body("find { it.id == '" + dead + "' }.kind", equalTo("TRANSFER_ORDER_WAITING"));
                receiver.answer(200);
                double sentBefore = deliveries("WEBHOOK", "sent");
                String deadTag = "\"" + as("ADMIN").get("/api/v1/admin/notifications/dead").then()
                        .extract().path("find { it.id == '" + dead + "' }.version") + "\"";
                as("ADMIN").post("/api/v1/admin/notifications/" + dead + "/resend").then().statusCode(428);
                as("ADMIN").header("If-Match", "\"999\"").post("/api/v1/admin/notifications/" + dead + "/resend").then().statusCode(412);
                assertThat(Sql.count("select count(*) from notice_delivery where id = cast(?1 as uuid) and status = 'DEAD'", dead))
                        .isEqualTo(1);
                as("ADMIN").header("If-Match", deadTag).post("/api/v1/admin/notifications/" + dead + "/resend").then().statusCode(204);
                as("ADMIN").header("If-Match", deadTag).post("/api/v1/admin/notifications/" + dead + "/resend").then().statusCode(404);
                as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                assertThat(Sql.text(state, hook, order)).isEqualTo("1:SENT");
                assertThat(receiver.containing(order)).hasSize(6);
                assertThat(deliveries("WEBHOOK", "sent")).isGreaterThanOrEqualTo(sentBefore + 1);
            } finally {
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + hook).then().statusCode(204);
            }
        }
    }

    @Test
    void webhookEndpointsAreCheckedAndOnlyForAdmin() {
        as("ADMIN").header("Accept-Language", "en").body(webhook("x", "ftp://robot.example.cn/hook", "WECOM").role("SALES").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", equalTo("the webhook URL must be an https URL"));
        as("ADMIN").body(webhook("x", "https://hooks.example.cn/a", "GENERIC").role("SALES").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("secret"));
        as("ADMIN").body(webhook("x", "https://h.example.cn", "FEISHU").role("BOSS").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("roles[0]"));
        as("ADMIN").body(webhook("x", "https://h.example.cn", "FEISHU").kind("NO_SUCH_KIND").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("kinds[0]"));
        as("ADMIN").body(webhook("x", "https://h.example.cn", "FEISHU").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("roles"));
        as("ADMIN").body(webhook("x", "https://h.example.cn", "TELEGRAM").role("SALES").json())
                .post("/api/v1/admin/webhooks").then().statusCode(400);
        as("SALES").body(webhook("x", "https://hooks.example.cn/a", "WECOM").role("SALES").json()).post("/api/v1/admin/webhooks")
                .then().statusCode(403);
        as("SALES").get("/api/v1/admin/webhooks").then().statusCode(403);
        as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        assertThat(Sql.count("select count(*) from webhook_endpoint where name = 'x'")).isZero();
    }
}
