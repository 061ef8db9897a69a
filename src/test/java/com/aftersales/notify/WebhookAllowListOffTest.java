package com.aftersales.notify;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.NotifyBodies.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * As in prod: without the test-only allow-list, a loopback receiver is refused when the endpoint is saved, and an
 * endpoint whose host now resolves to loopback (here one stored before the check, as DNS can change after saving)
 * gets nothing: the delivery is refused before any connection.
 */
@QuarkusTest
@TestProfile(WebhookAllowListOffTest.NoAllowList.class)
class WebhookAllowListOffTest {

    public static class NoAllowList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aftersales.webhooks.internal-allow-list", "");
        }
    }

    @Test
    void loopbackIsRefusedOnSaveAndAgainAtSendTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            String name = Api.unique("本机");
            as("ADMIN").header("Accept-Language", "en").body(webhook(name, receiver.url("/hook?key=abc"), "WECOM").kind("CASE_ROUTED").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", equalTo("the webhook host 127.0.0.1 resolves to an internal address (loopback, "
                            + "private, link-local, unique-local, multicast or reserved)"));
            assertThat(Sql.count("select count(*) from webhook_endpoint where name = ?1", name)).isZero();

            String id = UUID.randomUUID().toString();
            Sql.exec("insert into webhook_endpoint (id, name, url, format, kinds, created_by) "
                    + "values (cast(?1 as uuid), ?2, ?3, 'WECOM', '{CASE_ROUTED}', 'admin')", id, name, receiver.url("/hook?key=abc"));
            try {
                String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
                as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                assertThat(Sql.text("select d.status || ' ' || d.last_error from notice_delivery d join notice n on n.id = d.notice_id "
                        + "where d.address = ?1 and n.payload ->> 'caseId' = ?2", id, caseId))
                        .isEqualTo("PENDING webhook target refused: the webhook host 127.0.0.1 resolves to an internal address (127.0.0.1)");
                assertThat(receiver.received).isEmpty();
            } finally {
                Sql.exec("update webhook_endpoint set active = false where id = cast(?1 as uuid)", id);
            }
        }
    }
}
