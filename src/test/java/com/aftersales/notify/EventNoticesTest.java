package com.aftersales.notify;

import com.aftersales.support.ReturnBodies;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.cases.CaseTestData;
import com.aftersales.eightd.EightDTest;
import com.aftersales.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asPerson;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.transition;
import static com.aftersales.support.CustomerBodies.contact;
import static com.aftersales.support.CaseBodies.actionPlan;
import static com.aftersales.support.CaseBodies.assignTo;
import static com.aftersales.support.CaseBodies.major;
import static com.aftersales.support.CaseBodies.visit;
import static com.aftersales.support.EightDBodies.discipline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.aftersales.support.Jobs;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Notices written in the transaction of the change that causes them, to the people who act next. */
@QuarkusTest
class EventNoticesTest {

    static ValidatableResponse inbox(io.restassured.specification.RequestSpecification who) {
        return who.queryParam("limit", "200").get("/api/v1/me/notifications").then().statusCode(200);
    }

    static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }

    @Test
    void aNewCaseNoticeNamesRoleAndSeverityInTheReadersLanguageOnly() {
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().body("ownerRole", equalTo("AFTER_SALES_MANAGER"))
                .body("severity", equalTo("HIGH")).extract().path("caseNo");
        String find = "items.find { it.subject.contains('" + caseNo + "') }.";
        ValidatableResponse zh = inbox(as("AFTER_SALES_MANAGER").header("Accept-Language", "zh-CN"));
        zh.body(find + "subject", equalTo("新客诉单：" + caseNo + "（高）"));
        String zhBody = zh.extract().path(find + "body");
        assertThat(zhBody).contains("已转给售后经理处理").doesNotContain("AFTER_SALES_MANAGER").doesNotContain("manager");
        ValidatableResponse en = inbox(as("AFTER_SALES_MANAGER").header("Accept-Language", "en"));
        en.body(find + "subject", equalTo("New case for you: " + caseNo + " (high)"));
        String enBody = en.extract().path(find + "body");
        assertThat(enBody).contains("is now owned by after-sales manager").doesNotContain("AFTER_SALES_MANAGER")
                .doesNotContain("售后经理").doesNotContain("处理");
    }

    @Test
    void aNewCaseIsAnnouncedToItsOwnerAndAHandOverToTheNewOwner() {
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("caseNo");
        String ownerRole = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("ownerRole");
        inbox(as(ownerRole)).body("items.subject", hasItem(startsWith("新客诉单：" + caseNo)));
        inbox(as(ownerRole).header("Accept-Language", "en")).body("items.subject", hasItem(startsWith("New case for you: " + caseNo)));

        // The person reads the inbox with a role no other test addresses notices to, so only their own notices show.
        String person = Api.unique("qe.zhao").toLowerCase();
        // A refused hand-over (unknown role) writes nothing.
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(assignTo(person).ownerRole("BOSS").json())
                .post("/api/v1/cases/" + caseId + "/assignment").then().statusCode(422);
        inbox(asPerson(person, "ENGINEER")).body("items", org.hamcrest.Matchers.empty());
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(assignTo(person).ownerRole("QUALITY_ENGINEER").json())
                .post("/api/v1/cases/" + caseId + "/assignment").then().statusCode(200);
        inbox(asPerson(person, "ENGINEER")).body("items.size()", equalTo(1))
                .body("items[0].kind", equalTo("CASE_ROUTED"))
                .body("items[0].body", org.hamcrest.Matchers.containsString("已转给您处理"));
    }

    @Test
    void theGeneralManagerIsAskedWhenAMajorCasePlanAwaitsApproval() {
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("caseNo");
        int v = version(as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(major("车辆起火，涉及财产损失"))
                .post("/api/v1/cases/" + caseId + "/major").then().statusCode(200).extract().header("ETag"));
        // No plan yet: nothing to approve, nobody asked.
        inbox(as("GENERAL_MANAGER")).body("items.subject", not(hasItem(startsWith("重大问题待总经理审批：" + caseNo))));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(actionPlan("更换熔断器并加装温度监控"))
                .put("/api/v1/cases/" + caseId + "/action-plan").then().statusCode(200);
        inbox(as("GENERAL_MANAGER")).body("items.subject", hasItem("重大问题待总经理审批：" + caseNo));
    }

    @Test
    void aTripAsksTheAfterSalesManagerAndAReceivedReturnTellsTheCaseOwner() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String caseId = CaseTestData.openCase(w);
        String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("caseNo");
        as("REPAIR").body(visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "郑州公交三公司停车场").technician("周工").travelRequired(true)
                        .json())
                .post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201);
        inbox(as("AFTER_SALES_MANAGER")).body("items.subject", hasItem("出差待审核：" + caseNo));

        String owner = Api.unique("cs.sun").toLowerCase();
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(assignTo(owner).json())
                .post("/api/v1/cases/" + caseId + "/assignment").then().statusCode(200);
        String returnId = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "电机异响，退回检测", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        String returnNo = as("WAREHOUSE").header("If-Match", "\"0\"").post("/api/v1/returns/" + returnId + "/receipt")
                .then().statusCode(200).extract().path("returnNo");
        inbox(asPerson(owner, "SALES")).body("items.subject", hasItem("退货已接收：" + returnNo));
    }

    @Test
    void aTransferOrderWaitsForTheProductManagerAndAnAssignedDisciplineTellsItsOwner() {
        String part = as("PRODUCT_MANAGER").body(SparePartBodies.part("电机轴承 6205", "85.50").productModel("EM35").wearPart(true).json())
                .post("/api/v1/spare-parts").then().statusCode(201).extract().path("id");
        String transferNo = as("REPAIR").body(SparePartBodies.transfer("HQ", "ZZ-STATION").line(part, 4).json())
                .post("/api/v1/transfer-orders").then().statusCode(201).extract().path("transferNo");
        inbox(as("PRODUCT_MANAGER").header("Accept-Language", "en"))
                .body("items.subject", hasItem("Transfer order awaits approval: " + transferNo));

        String report = EightDTest.open(CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE")));
        String reportNo = as("QUALITY_ENGINEER").get("/api/v1/eight-d-reports/" + report).then().extract().path("reportNo");
        String owner = Api.unique("eng.chen").toLowerCase();
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(discipline(owner, "临时围堵：隔离同批次库存", false).json())
                .put("/api/v1/eight-d-reports/" + report + "/disciplines/D3").then().statusCode(200);
        // Saving the same owner again is not a new assignment.
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(discipline(owner, "临时围堵：隔离同批次库存并通知客户", false).json())
                .put("/api/v1/eight-d-reports/" + report + "/disciplines/D3").then().statusCode(200);
        inbox(asPerson(owner, "ENGINEER")).body("items.size()", equalTo(1))
                .body("items[0].subject", equalTo("8D 任务分配：" + reportNo + " D3"));
        assertThat(Sql.count("select count(*) from notice where kind = 'DISCIPLINE_ASSIGNED' and recipient_subject = ?1", owner))
                .isEqualTo(1);
    }

    @Inject
    MockMailbox mailbox;

    /** The roles a case's CASE_OPENED notices went to, in order, comma-separated. */
    static String roles(String caseNo) {
        return Sql.text("select string_agg(recipient_role, ',' order by recipient_role) from notice "
                + "where kind = 'CASE_OPENED' and payload ->> 'caseNo' = ?1", caseNo);
    }

    static int notices(String kind, String key, String value) {
        return Sql.count("select count(*) from notice where kind = ?1 and payload ->> ?2 = ?3", kind, key, value);
    }

    @Test
    void aNewComplaintClaimOrReturnAlsoGoesToQualityAndProductManagementAndAGrievanceDoesNot() {
        String claim = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String claimNo = as("SALES").get("/api/v1/cases/" + claim).then().extract().path("caseNo");
        inbox(as("QUALITY_ENGINEER")).body("items.subject", hasItem("新索赔：" + claimNo + "（高）"));
        inbox(as("PRODUCT_MANAGER").header("Accept-Language", "en")).body("items.subject", hasItem("New claim: " + claimNo + " (high)"));
        assertThat(roles(claimNo)).isEqualTo("PRODUCT_MANAGER,QUALITY_ENGINEER");

        // A unit in its project stage: the project managers instead of the product managers.
        String project = CaseTestData.openCase(CaseTestData.world("SYSTEM", "NPD-" + Api.unique("P")));
        String projectNo = as("SALES").get("/api/v1/cases/" + project).then().extract().path("caseNo");
        String owner = as("SALES").get("/api/v1/cases/" + project).then().extract().path("ownerRole");
        assertThat(roles(projectNo)).isEqualTo("PROJECT_MANAGER".equals(owner) ? "QUALITY_ENGINEER"
                : "QUALITY_ENGINEER".equals(owner) ? "PROJECT_MANAGER" : "PROJECT_MANAGER,QUALITY_ENGINEER");

        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String grievance = as("SALES").body(com.aftersales.support.CaseBodies.open(w.customerId()).unit(w.serial(), 1000)
                .type("GRIEVANCE").json()).post("/api/v1/cases").then().statusCode(201).extract().path("caseNo");
        assertThat(notices("CASE_OPENED", "caseNo", grievance)).isZero();
        // A refused intake writes no notice at all.
        int before = Sql.count("select count(*) from notice where kind in ('CASE_OPENED', 'CASE_ROUTED')");
        as("SALES").body(com.aftersales.support.CaseBodies.open(w.customerId()).unit(Api.unique("NOPE"), 1000).json())
                .post("/api/v1/cases").then().statusCode(422);
        assertThat(Sql.count("select count(*) from notice where kind in ('CASE_OPENED', 'CASE_ROUTED')")).isEqualTo(before);
    }

    @Test
    void everyMoveOfACaseAndAQuoteReachTheCustomerInAppAndByMailToContactsWhoAskedForIt() throws Exception {
        String wants = Api.unique("li").toLowerCase() + "@example.cn";
        String other = Api.unique("wu").toLowerCase() + "@example.cn";
        String customer = NoticeSenderTest.customer(contact("李经理").email(wants).caseUpdates(true), contact("吴会计").email(other));
        com.aftersales.support.Fixtures.term(customer, com.aftersales.support.WarrantyBodies.term("PASSENGER_CAR").mileageKm(100000));
        CaseTestData.World w = new CaseTestData.World(customer, CaseTestData.unit(customer, "PASSENGER_CAR", null));
        String caseId = CaseTestData.openCase(w);
        String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("caseNo");
        String owner = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("ownerRole");
        // A refused move (NEW cannot close) tells nobody.
        as(owner).header("If-Match", "\"0\"").body(transition("CLOSED")).post("/api/v1/cases/" + caseId + "/transitions")
                .then().statusCode(409);
        assertThat(notices("CASE_STATUS_CHANGED", "caseNo", caseNo)).isZero();
        // The internal comment stays internal; the move itself is the customer's to know.
        as(owner).header("If-Match", "\"0\"").body(transition("ACKNOWLEDGED", "内部：先查同批次"))
                .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(200);
        ValidatableResponse mine = inbox(asCustomer(UUID.fromString(customer)));
        mine.body("items.subject", hasItem("您的客诉单 " + caseNo + " 状态更新为已受理"));
        assertThat((String) mine.extract().path("items.find { it.kind == 'CASE_STATUS_CHANGED' }.body"))
                .contains("由新建变更为已受理").doesNotContain("同批次");

        String chargeable = as("SALES").body(CaseTestData.caseJson(w, 150000)).post("/api/v1/cases").then().statusCode(201)
                .extract().path("id");
        String part = com.aftersales.support.Fixtures.part(com.aftersales.support.SparePartBodies.part("电机轴承 6205", "85.50"));
        as("SALES").body(com.aftersales.support.SparePartBodies.quote("1.5", "120").part(part, 2).json())
                .post("/api/v1/cases/" + chargeable + "/quotes").then().statusCode(201);
        String chargeableNo = as("SALES").get("/api/v1/cases/" + chargeable).then().extract().path("caseNo");
        inbox(asCustomer(UUID.fromString(customer)).header("Accept-Language", "en"))
                .body("items.subject", hasItem("Quote for case " + chargeableNo + ": 351.00 CNY"));

        Jobs.fireConcurrently("notice-sender", 3);
        assertThat(subjects(wants)).contains("您的客诉单 " + caseNo + " 状态更新为已受理", "客诉单 " + chargeableNo + " 报价：351.00 元");
        assertThat(subjects(other)).contains("客诉单 " + chargeableNo + " 报价：351.00 元")
                .noneMatch(s -> s.contains("状态更新"));
    }

    List<String> subjects(String address) {
        return Optional.ofNullable(mailbox.getMailsSentTo(address)).orElse(List.of()).stream().map(Mail::getSubject).toList();
    }

    @Test
    void anApprovedTransferOrderGoesToTheWarehouseAndARejectedOneBackToItsRequester() {
        String part = com.aftersales.support.Fixtures.part(SparePartBodies.part("编码器", "260.00"));
        String requester = Api.unique("repair.he").toLowerCase();
        String rejected = asPerson(requester, "REPAIR").body(SparePartBodies.transfer("HQ", "CD-STATION").line(part, 2).json())
                .post("/api/v1/transfer-orders").then().statusCode(201).extract().path("id");
        String approved = asPerson(requester, "REPAIR").body(SparePartBodies.transfer("HQ", "XA-STATION").line(part, 1).json())
                .post("/api/v1/transfer-orders").then().statusCode(201).extract().path("id");
        // A refused decision (stale version) sends nothing.
        as("PRODUCT_MANAGER").header("If-Match", "\"7\"").body(SparePartBodies.decision("REJECT"))
                .post("/api/v1/transfer-orders/" + rejected + "/decision").then().statusCode(412);
        assertThat(Sql.count("select count(*) from notice where kind like 'TRANSFER_ORDER_%ED' and payload ->> 'orderId' = ?1",
                rejected)).isZero();
        String rejectedNo = as("PRODUCT_MANAGER").header("If-Match", "\"0\"")
                .body(com.aftersales.support.JsonBody.of("decision", "REJECT", "comment", "本月调拨额度已满"))
                .post("/api/v1/transfer-orders/" + rejected + "/decision").then().statusCode(200).extract().path("transferNo");
        String approvedNo = as("PRODUCT_MANAGER").header("If-Match", "\"0\"").body(SparePartBodies.decision("APPROVE"))
                .post("/api/v1/transfer-orders/" + approved + "/decision").then().statusCode(200).extract().path("transferNo");
        inbox(asPerson(requester, "REPAIR")).body("items.subject", hasItem("调拨单被驳回：" + rejectedNo))
                .body("items.find { it.kind == 'TRANSFER_ORDER_REJECTED' }.body", org.hamcrest.Matchers.containsString("本月调拨额度已满"))
                .body("items.subject", not(hasItem("调拨单已批准：" + approvedNo)));
        inbox(as("WAREHOUSE")).body("items.subject", hasItem("调拨单已批准：" + approvedNo))
                .body("items.subject", not(hasItem("调拨单被驳回：" + rejectedNo)));
    }
}
