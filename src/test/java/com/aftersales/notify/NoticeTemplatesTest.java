package com.aftersales.notify;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every notice kind reads in both languages from the payload its producer writes. */
@QuarkusTest
class NoticeTemplatesTest {

    /** The payload each producer writes (see the INSERTs in the jobs and the Outbox calls). */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("WARRANTY_EXPIRY", "{\"serialNo\":\"TM-1\",\"endDate\":\"2027-01-31\",\"windowDays\":30}"),
            Map.entry("SERVICE_CONTRACT_EXPIRY", "{\"serialNo\":\"TM-1\",\"contractNo\":\"BX-1\",\"endDate\":\"2027-01-31\"}"),
            Map.entry("SLA_BREACH", "{\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"breach\":\"first-response\",\"dueAt\":\"2026-11-01 09:00\"}"),
            Map.entry("FOLLOW_UP_DUE", "{\"followUpId\":\"f\",\"caseNo\":\"KS-1\",\"round\":1,\"dueDate\":\"2026-12-01\"}"),
            Map.entry("FOLLOW_UP_OVERDUE", "{\"followUpId\":\"f\",\"caseNo\":\"KS-1\",\"round\":2,\"dueDate\":\"2026-12-01\"}"),
            Map.entry("FOLLOW_UP_UNSATISFIED", "{\"caseNo\":\"KS-1\",\"rounds\":3}"),
            Map.entry("EIGHT_D_OVERDUE", "{\"reportNo\":\"8D-1\",\"item\":\"D4\",\"dueDate\":\"2026-12-01\"}"),
            Map.entry("EIGHT_D_ESCALATION", "{\"reportNo\":\"8D-1\",\"item\":\"D4\",\"dueDate\":\"2026-12-01\"}"),
            Map.entry("SAFETY_STOCK", "{\"partNo\":\"P-1\",\"partName\":\"轴承\",\"location\":\"HQ\",\"quantity\":1,\"safetyStock\":5}"),
            Map.entry("RECALL_INITIAL", "{\"campaignId\":\"r\",\"campaignCode\":\"ZH-1\",\"title\":\"控制器召回\",\"defect\":\"熔断器\","
                    + "\"risk\":null,\"remedy\":\"更换\",\"units\":2,\"serials\":[\"A\",\"B\"]}"),
            Map.entry("RECALL_REMINDER", "{\"campaignCode\":\"ZH-1\",\"title\":\"控制器召回\",\"units\":1,\"serials\":[\"A\"]}"),
            Map.entry("PROBLEM_DIGEST", "{\"digestId\":\"d\",\"department\":\"QUALITY\",\"problems\":4,\"periodFrom\":\"2026-11-16\","
                    + "\"periodTo\":\"2026-11-22\"}"),
            Map.entry("CASE_ROUTED", "{\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"title\":\"异响\",\"severity\":\"MAJOR\",\"ownerRole\":\"SALES\","
                    + "\"ownerPerson\":null,\"firstResponseDue\":\"2026-11-30 10:00\"}"),
            Map.entry("GM_APPROVAL_REQUESTED", "{\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"title\":\"起火\",\"reason\":\"财产损失\"}"),
            Map.entry("TRAVEL_APPROVAL_REQUESTED", "{\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"visitId\":\"v\",\"site\":\"郑州\","
                    + "\"plannedDate\":\"2026-12-01\"}"),
            Map.entry("RETURN_RECEIVED", "{\"returnId\":\"r\",\"returnNo\":\"TH-1\",\"caseId\":\"c\",\"caseNo\":\"KS-1\"}"),
            Map.entry("CASE_OPENED", "{\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"caseType\":\"CLAIM\",\"title\":\"异响\","
                    + "\"severity\":\"HIGH\",\"productLine\":\"SYSTEM\",\"ownerRole\":\"AFTER_SALES_MANAGER\"}"),
            Map.entry("CASE_STATUS_CHANGED", "{\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"title\":\"异响\",\"fromStatus\":\"NEW\","
                    + "\"toStatus\":\"ACKNOWLEDGED\",\"comment\":null}"),
            Map.entry("QUOTE_ISSUED", "{\"quoteId\":\"q\",\"caseId\":\"c\",\"caseNo\":\"KS-1\",\"totalCny\":\"351.00\"}"),
            Map.entry("RETURN_REPAIR_ROUTED", "{\"returnId\":\"r\",\"returnNo\":\"TH-1\",\"caseId\":\"c\",\"caseNo\":\"KS-1\","
                    + "\"serialNo\":\"TM-1\",\"repairGroup\":\"TRIAL_WORKSHOP\"}"),
            Map.entry("RETURN_RESTOCKED", "{\"returnId\":\"r\",\"returnNo\":\"TH-1\",\"caseId\":\"c\",\"caseNo\":\"KS-1\","
                    + "\"serialNo\":\"TM-1\",\"location\":\"HQ-RMA\"}"),
            Map.entry("TRANSFER_ORDER_APPROVED", "{\"orderId\":\"o\",\"transferNo\":\"DB-1\",\"fromLocation\":\"HQ\","
                    + "\"toLocation\":\"BJ\",\"comment\":null}"),
            Map.entry("TRANSFER_ORDER_REJECTED", "{\"orderId\":\"o\",\"transferNo\":\"DB-1\",\"fromLocation\":\"HQ\","
                    + "\"toLocation\":\"BJ\",\"comment\":\"额度已满\"}"),
            Map.entry("TRANSFER_ORDER_WAITING", "{\"orderId\":\"o\",\"transferNo\":\"DB-1\",\"fromLocation\":\"HQ\",\"toLocation\":\"BJ\"}"),
            Map.entry("DISCIPLINE_ASSIGNED", "{\"reportId\":\"r\",\"reportNo\":\"8D-1\",\"discipline\":\"D3\",\"disciplineZh\":\"临时措施\","
                    + "\"disciplineEn\":\"Containment\",\"dueDate\":null}"));

    @Inject
    NoticeTemplates templates;

    static Set<String> kinds(String language) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates/notices", language))) {
            return files.map(f -> f.getFileName().toString().replace(".txt", "")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyKindHasBothLanguagesAndRendersItsProducersPayload() throws IOException {
        assertThat(kinds("zh-CN")).isEqualTo(kinds("en")).isEqualTo(new TreeSet<>(SAMPLES.keySet()));
        SAMPLES.forEach((kind, payload) -> {
            NoticeTemplates.Rendered zh = templates.render(kind, "zh-CN", payload);
            NoticeTemplates.Rendered en = templates.render(kind, "en", payload);
            assertThat(zh.subject()).as(kind).isNotBlank().doesNotContain("{").matches(".*\\p{IsHan}.*");
            assertThat(en.subject()).as(kind).isNotBlank().doesNotContain("{").isNotEqualTo(zh.subject());
            assertThat(zh.body()).as(kind).isNotBlank();
            assertThat(en.body()).as(kind).isNotBlank();
        });
        assertThat(templates.render("RECALL_INITIAL", "en", SAMPLES.get("RECALL_INITIAL")).body())
                .contains("2 of your units are affected: A, B").contains("Risk: -");
        assertThat(templates.render("SLA_BREACH", "zh-CN", SAMPLES.get("SLA_BREACH")).body())
                .isEqualTo("客诉单 KS-1 的首次响应期限 2026-11-01 09:00 已过。");
    }

    @Test
    void aPayloadMissingWhatTheTemplateNeedsFailsInsteadOfSendingHalfAMessage() {
        assertThatThrownBy(() -> templates.render("WARRANTY_EXPIRY", "en", "{\"serialNo\":\"TM-1\"}"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> templates.render("NO_SUCH_KIND", "en", "{}")).isInstanceOf(IllegalStateException.class);
        assertThat(templates.renderOrKind("NO_SUCH_KIND", "en", "{}").subject()).isEqualTo("NO_SUCH_KIND");
    }
}
