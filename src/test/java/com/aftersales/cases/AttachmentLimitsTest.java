package com.aftersales.cases;

import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.CaseBodies.attachment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 22, attachments: a quota per case (files and bytes; the test profile allows 10 files and 50 MiB), announced
 * uploads that are never confirmed expire with their bytes, and a confirmed file cannot be replaced through its upload
 * URL while that URL is still valid.
 */
@QuarkusTest
class AttachmentLimitsTest {

    static final long MB20 = 20L * 1024 * 1024;

    @Test
    void aCaseHoldsAtMostItsQuotaOfFilesAndBytesCountingAnnouncedOnes() {
        String caseId = CaseFixtures.openId(world("SYSTEM", null));
        String path = "/api/v1/cases/" + caseId + "/attachments";
        as("SALES").body(attachment("视频1.mp4", "video/mp4", MB20)).post(path).then().statusCode(201);
        as("SALES").body(attachment("视频2.mp4", "video/mp4", MB20)).post(path).then().statusCode(201);
        // 40 MiB announced (none uploaded yet): 20 more would pass 50 MiB.
        as("SALES").header("Accept-Language", "en").body(attachment("视频3.mp4", "video/mp4", MB20)).post(path)
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Attachment quota reached"));
        as("SALES").body(attachment("视频3.mp4", "video/mp4", MB20)).post(path).then().statusCode(409)
                .body("title", equalTo("附件已达上限"));
        for (int i = 3; i <= 10; i++) {
            as("SALES").body(attachment("照片" + i + ".jpg", "image/jpeg", 1000)).post(path).then().statusCode(201);
        }
        as("SALES").body(attachment("照片11.jpg", "image/jpeg", 1000)).post(path).then().statusCode(409);
        assertThat(Sql.count("select count(*) from attachment where case_id = cast(?1 as uuid)", caseId)).isEqualTo(10);
        // Another case has its own quota.
        String other = CaseFixtures.openId(world("SYSTEM", null));
        as("SALES").body(attachment("照片.jpg", "image/jpeg", 1000)).post("/api/v1/cases/" + other + "/attachments")
                .then().statusCode(201);
    }

    @Test
    void aConfirmedFileCannotBeReplacedThroughItsStillValidUploadUrl() {
        String caseId = CaseFixtures.openId(world("COMMERCIAL_VEHICLE", null));
        byte[] original = "原始故障照片-original-bytes-0001".getBytes(StandardCharsets.UTF_8);
        byte[] forged = "伪造故障照片-replaced-bytes-9999".getBytes(StandardCharsets.UTF_8);
        assertThat(forged).hasSameSizeAs(original);
        ExtractableResponse<Response> created = as("REPAIR").body(attachment("故障件.jpg", "image/jpeg", original.length))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).extract();
        String id = created.path("id");
        String uploadUrl = created.path("upload.url");
        RestAssured.given().contentType("image/jpeg").body(original).put(uploadUrl).then().statusCode(200);
        as("REPAIR").post("/api/v1/cases/" + caseId + "/attachments/" + id + "/confirmation").then().statusCode(200)
                .body("uploaded", equalTo(true));
        // The upload URL is valid for minutes more; what it writes now is never what the attachment reads.
        RestAssured.given().contentType("image/jpeg").body(forged).put(uploadUrl);
        as("REPAIR").post("/api/v1/cases/" + caseId + "/attachments/" + id + "/confirmation").then().statusCode(200);
        String download = as("QUALITY_ENGINEER").get("/api/v1/cases/" + caseId + "/attachments/" + id)
                .then().statusCode(200).extract().path("download.url");
        assertThat(RestAssured.given().get(download).then().statusCode(200).extract().asByteArray()).isEqualTo(original);
    }

    @Test
    void announcementsNeverConfirmedExpireWithTheirBytes() throws Exception {
        String caseId = CaseFixtures.openId(world("COMMERCIAL_VEHICLE", null));
        String path = "/api/v1/cases/" + caseId + "/attachments";
        byte[] bytes = "半途而废的上传".getBytes(StandardCharsets.UTF_8);
        // A day and an hour ago: one announced and uploaded but never confirmed, one never uploaded, one confirmed.
        TestClock.advance(Duration.ofHours(-25));
        ExtractableResponse<Response> uploaded = as("SALES").body(attachment("a.jpg", "image/jpeg", bytes.length)).post(path)
                .then().statusCode(201).extract();
        RestAssured.given().contentType("image/jpeg").body(bytes).put((String) uploaded.path("upload.url")).then().statusCode(200);
        String abandoned = as("SALES").body(attachment("b.jpg", "image/jpeg", 10)).post(path).then().statusCode(201).extract().path("id");
        ExtractableResponse<Response> kept = as("SALES").body(attachment("c.jpg", "image/jpeg", bytes.length)).post(path)
                .then().statusCode(201).extract();
        RestAssured.given().contentType("image/jpeg").body(bytes).put((String) kept.path("upload.url")).then().statusCode(200);
        as("SALES").post(path + "/" + kept.path("id") + "/confirmation").then().statusCode(200);
        TestClock.reset();
        // Announced just now: not yet expired.
        String fresh = as("SALES").body(attachment("d.jpg", "image/jpeg", 10)).post(path).then().statusCode(201).extract().path("id");
        Path store = Path.of(ConfigProvider.getConfig().getValue("aftersales.attachments.local-dir", String.class));
        Path uploadedFile = store.resolve(Sql.text("select storage_key from attachment where id = cast(?1 as uuid)",
                (String) uploaded.path("id")) + ".upload");
        assertThat(uploadedFile).exists();

        as("ADMIN").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(200);

        assertThat(Sql.count("select count(*) from attachment where id in (cast(?1 as uuid), cast(?2 as uuid))",
                (String) uploaded.path("id"), abandoned)).isZero();
        assertThat(Files.exists(uploadedFile)).isFalse();
        as("SALES").post(path + "/" + uploaded.path("id") + "/confirmation").then().statusCode(404);
        as("SALES").get(path).then().statusCode(200).body("items.id", org.hamcrest.Matchers.containsInAnyOrder(
                (String) kept.path("id"), fresh));
        as("SALES").get(path + "/" + kept.path("id")).then().statusCode(200);
    }
}
