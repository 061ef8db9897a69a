package com.aftersales.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import com.aftersales.support.TestClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.attachment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class CaseAttachmentTest {

    static final byte[] PHOTO = "\u00ff\u00d8 not really a jpeg, but bytes all the same 故障件照片".getBytes(StandardCharsets.UTF_8);

    @Test
    void aMobileUserUploadsAPhotoAndOnlyThoseWhoSeeTheCaseFetchIt() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        UUID customer = UUID.fromString(w.customerId());
        ExtractableResponse<Response> created = asCustomer(customer).body(attachment("故障件.jpg", "image/jpeg", PHOTO.length))
                .post("/api/v1/cases/" + caseId + "/attachments")
                .then().statusCode(201).body("upload.method", equalTo("PUT")).body("uploaded", equalTo(false)).extract();
        String id = created.path("id");
        String uploadUrl = created.path("upload.url");

        asCustomer(customer).post("/api/v1/cases/" + caseId + "/attachments/" + id + "/confirmation").then().statusCode(409);
        RestAssured.given().contentType("image/jpeg").body(PHOTO).put(uploadUrl.replace("signature=", "signature=x"))
                .then().statusCode(403).contentType("application/problem+json");
        RestAssured.given().contentType("image/jpeg").body(PHOTO).put(uploadUrl).then().statusCode(200);
        asCustomer(customer).post("/api/v1/cases/" + caseId + "/attachments/" + id + "/confirmation")
                .then().statusCode(200).body("uploaded", equalTo(true));

        String download = as("QUALITY_ENGINEER").get("/api/v1/cases/" + caseId + "/attachments/" + id)
                .then().statusCode(200).body("download.method", equalTo("GET")).extract().path("download.url");
        byte[] fetched = RestAssured.given().get(download).then().statusCode(200)
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        assertThat(fetched).isEqualTo(PHOTO);
        // The upload URL cannot be used to read, nor the download URL to write.
        RestAssured.given().get(uploadUrl).then().statusCode(403);

        CaseTestData.World other = world("COMMERCIAL_VEHICLE", null);
        asCustomer(UUID.fromString(other.customerId())).get("/api/v1/cases/" + caseId + "/attachments/" + id).then().statusCode(404);
        asCustomer(UUID.fromString(other.customerId())).body(attachment("x.jpg", "image/jpeg", 10))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(404);
        as("SALES").get("/api/v1/cases/" + caseId + "/attachments").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void typeSizeAndContentAreChecked() {
        CaseTestData.World w = world("SYSTEM", null);
        String caseId = CaseFixtures.openId(w);
        as("SALES").body(attachment("virus.exe", "application/x-msdownload", 10)).post("/api/v1/cases/" + caseId + "/attachments")
                .then().statusCode(422).body("errors[0].field", equalTo("contentType"));
        as("SALES").body(attachment("huge.mp4", "video/mp4", 1L << 31)).post("/api/v1/cases/" + caseId + "/attachments")
                .then().statusCode(422).body("errors[0].field", equalTo("sizeBytes"));
        String url = as("SALES").body(attachment("报告.pdf", "application/pdf", 100)).post("/api/v1/cases/" + caseId + "/attachments")
                .then().statusCode(201).extract().path("upload.url");
        RestAssured.given().contentType("image/png").body(new byte[100]).put(url).then().statusCode(415);
        RestAssured.given().contentType("application/pdf").body(new byte[99]).put(url).then().statusCode(422);
    }

    /** Offline field work: the 15-minute upload URL expired before the network came back; a new one is issued. */
    @Test
    void anExpiredUploadUrlIsReissuedForTheAnnouncerUntilTheAnnouncementExpires() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        UUID customer = UUID.fromString(w.customerId());
        String base = "/api/v1/cases/" + caseId + "/attachments/";
        String id = asCustomer(customer).body(attachment("现场照片.jpg", "image/jpeg", PHOTO.length))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).extract().path("id");
        String stale = asCustomer(customer).post(base + id + "/upload-url").then().statusCode(200)
                .body("upload.method", equalTo("PUT")).body("uploaded", equalTo(false)).extract().path("upload.url");

        TestClock.advance(Duration.ofMinutes(20));
        RestAssured.given().contentType("image/jpeg").body(PHOTO).put(stale).then().statusCode(403);
        // Another customer's account does not see the case; a colleague of the same customer did not announce it.
        asCustomer(UUID.fromString(world("COMMERCIAL_VEHICLE", null).customerId())).post(base + id + "/upload-url")
                .then().statusCode(404);
        RestAssured.given().auth().oauth2(com.aftersales.support.Api.jwt("another-driver-" + customer).groups(java.util.Set.of("CUSTOMER"))
                        .claim("customer_id", customer.toString()).sign()).post(base + id + "/upload-url")
                .then().statusCode(403).contentType("application/problem+json").body("type", containsString("attachment_not_announcer"));
        String fresh = asCustomer(customer).header("Accept-Language", "en").post(base + id + "/upload-url").then().statusCode(200)
                .extract().path("upload.url");
        assertThat(fresh).isNotEqualTo(stale);
        RestAssured.given().contentType("image/jpeg").body(PHOTO).put(fresh).then().statusCode(200);
        asCustomer(customer).post(base + id + "/confirmation").then().statusCode(200).body("uploaded", equalTo(true));
        // Once uploaded, no URL can be had for it again, not even by staff.
        as("QUALITY_ENGINEER").post(base + id + "/upload-url").then().statusCode(409)
                .body("type", containsString("attachment_already_uploaded"));

        // An announcement older than its expiry (24 h) gets no URL: it is announced again.
        String late = as("SALES").body(attachment("报告.pdf", "application/pdf", 100))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).extract().path("id");
        TestClock.advance(Duration.ofHours(25));
        as("SALES").header("Accept-Language", "en").post(base + late + "/upload-url").then().statusCode(409)
                .body("type", containsString("attachment_announcement_expired")).body("detail", containsString("announce it again"));
        as("SALES").post(base + UUID.randomUUID() + "/upload-url").then().statusCode(404);
    }
}
