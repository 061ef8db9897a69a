package com.aftersales.packaged;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.ContractValidation;
import com.aftersales.support.CustomerBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * End-to-end flows through HTTP only (no CDI, no direct SQL), so that they run unchanged against the function in the
 * test JVM ({@link EndToEndTest}), the packaged JVM function ({@link PackagedJvmFunctionIT}) and the packaged native
 * function ({@link PackagedFunctionIT}), always through the Lambda event path.
 */
abstract class EndToEndFlows {

    /** Against the packaged function too, every request and answer is held to the OpenAPI document. */
    @BeforeAll
    static void contractValidation() {
        ContractValidation.install();
    }

    /** A customer's unit delivered on 2025-01-10 under a 24-month term of its product line. */
    static String unit(String customer, String productLine, String model) {
        Fixtures.term(customer, WarrantyBodies.term(productLine));
        return Fixtures.unit(UnitBodies.unit(customer).productModel(model).productLine(productLine)
                .productionDate(LocalDate.of(2025, 1, 1)).deliveryDate(LocalDate.of(2025, 1, 10)));
    }

    @Test
    void aUnitIsRegisteredAndItsEntitlementDecided() {
        Api.anonymous().get("/api/v1/customers").then().statusCode(401).contentType("application/problem+json");
        String customer = Api.newCustomer(Api.unique("e2e"));
        String serial = unit(customer, "MICRO_CAR", "MC80");
        as("SALES").queryParam("date", "2025-06-01").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY"));
        as("SALES").queryParam("date", "2027-06-01").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("CHARGEABLE"));
        as("SALES").header("Accept-Language", "en").body(CustomerBodies.customer("").name("x").json())
                .post("/api/v1/customers").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
        // The application's own constraint messages, in the caller's language: their bundles must be in the package
        // (a native image keeps only the resource bundles it was told about).
        as("SALES").header("Accept-Language", "zh-CN").body(CustomerBodies.customer("!").name("x").json())
                .post("/api/v1/customers").then().statusCode(422)
                .body("errors.find { it.field == 'code' }.message", equalTo("客户代码应为 2–32 位字母、数字、_ 或 -"));
        as("SALES").header("Accept-Language", "en").body(CustomerBodies.customer("!").name("x").json())
                .post("/api/v1/customers").then().statusCode(422)
                .body("errors.find { it.field == 'code' }.message", equalTo("a customer code has 2 to 32 letters, digits, _ or -"));
    }

    @Test
    void aCaseIsOpenedRoutedAnsweredAndItsOwnerToldAndTheCustomerSeesOnlyItsOwn() {
        String customer = Api.newCustomer(Api.unique("e2e"));
        String serial = unit(customer, "COMMERCIAL_VEHICLE", "TM220");
        String id = Api.asCustomer(UUID.fromString(customer)).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(CaseBodies.open(customer).unit(serial, 20000).description("车辆行驶中电机有异响").reporter("王师傅", null).channel("PORTAL")
                        .json())
                .post("/api/v1/cases").then().statusCode(201).body("units[0].regime", equalTo("FREE_WARRANTY"))
                .extract().path("id");
        String owner = as("SALES").get("/api/v1/cases/" + id).then().statusCode(200).extract().path("ownerRole");
        String caseNo = as("SALES").get("/api/v1/cases/" + id).then().extract().path("caseNo");
        as(owner).queryParam("limit", "200").get("/api/v1/me/notifications").then().statusCode(200)
                .body("items.subject", hasItem(org.hamcrest.Matchers.startsWith("新客诉单：" + caseNo)));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.transition("ACKNOWLEDGED"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200).header("ETag", "\"1\"");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.transition("INVESTIGATING"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(412);
        Api.asCustomer(UUID.fromString(customer)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        Api.asCustomer(UUID.fromString(Api.newCustomer(Api.unique("e2o")))).get("/api/v1/cases/" + id).then().statusCode(404);
    }

    @Test
    void aPhotoIsUploadedToItsPresignedUrlAndTheFunctionSeesIt() {
        String customer = Api.newCustomer(Api.unique("e2e"));
        String serial = unit(customer, "MICRO_CAR", "MC80");
        String caseId = Api.asCustomer(UUID.fromString(customer)).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(CaseBodies.open(customer).unit(serial, 1200).description("充电口进水").reporter("李师傅", null).channel("PORTAL")
                        .json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        byte[] photo = ("\u00ff\u00d8 a photo of the charging port " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        var announced = Api.asCustomer(UUID.fromString(customer)).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(CaseBodies.attachment("充电口.jpg", "image/jpeg", photo.length))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).body("uploaded", equalTo(false))
                .extract();
        String id = announced.path("id");
        String upload = announced.path("upload.url");
        // The URL points at the object store of this packaging (the packaged functions: the local S3 server, bucket
        // in the path), and the store checks its signature: a changed signature is refused, the URL as given is not.
        assertThat(upload).startsWith(objectStoreUrl());
        signedUrl().contentType("image/jpeg").body(photo).put(withAnotherSignature(upload)).then().statusCode(403);
        signedUrl().contentType("image/jpeg").body(photo).put(upload).then().statusCode(200);
        // The function's follow-up reads the object's size from the store, and its download URL returns the bytes.
        Api.asCustomer(UUID.fromString(customer)).post("/api/v1/cases/" + caseId + "/attachments/" + id + "/confirmation")
                .then().statusCode(200).body("uploaded", equalTo(true));
        String download = as("QUALITY_ENGINEER").get("/api/v1/cases/" + caseId + "/attachments/" + id).then().statusCode(200)
                .extract().path("download.url");
        assertThat(download).startsWith(objectStoreUrl());
        assertThat(signedUrl().get(download).then().statusCode(200).extract().asByteArray()).isEqualTo(photo);
    }

    /**
     * A request to a signed URL as a client sends it: the URL as given (REST Assured would encode its %-escapes again)
     * and the Content-Type it was signed for (without the charset REST Assured appends by default).
     */
    static RequestSpecification signedUrl() {
        return RestAssured.given().urlEncodingEnabled(false).config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    /** The URL with one character of its signature changed (to another one valid there). */
    static String withAnotherSignature(String url) {
        Matcher signature = Pattern.compile("(?i)[?&](?:x-amz-)?signature=(.)").matcher(url);
        assertThat(signature.find()).as("a signature in %s", url).isTrue();
        String changed = signature.group(1).equals("0") ? "1" : "0";
        return url.substring(0, signature.start(1)) + changed + url.substring(signature.end(1));
    }

    /**
     * Where the function under test tells clients to move attachment bytes: the local S3 server's bucket when
     * {@link PackagedArtifactResources} started one for a packaged function, else the local store of the test build.
     */
    static String objectStoreUrl() {
        LocalS3 s3 = PackagedArtifactResources.s3;
        return s3 == null ? "/api/v1/attachment-store/" : s3.endpoint() + "/" + PackagedArtifactResources.BUCKET + "/";
    }

    @Test
    void kpisAreAnsweredAndAnAdminRunsAJob() {
        as("QUALITY_ENGINEER").queryParam("from", "2025-01-01").queryParam("to", "2025-12-31").queryParam("groupBy", "month")
                .get("/api/v1/kpis").then().statusCode(200).body("tables.key", hasItem("ppm"))
                .body("tables.find { it.key == 'ppm' }.rows.size()", equalTo(12));
        // The API function runs a job only for ADMIN; the schedules invoke the jobs function (PackagedJvmFunctionIT).
        as("ADMIN").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        as("QUALITY_ENGINEER").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(403);
        as("ADMIN").queryParam("job", "sla-breach").get("/api/v1/admin/jobs/runs").then().statusCode(200)
                .body("trigger", hasItem("ADMIN")).body("[0].finishedAt", notNullValue());
    }
}
