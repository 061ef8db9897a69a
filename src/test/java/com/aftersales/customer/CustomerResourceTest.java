package com.aftersales.customer;

import com.aftersales.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CustomerBodies.contact;
import static com.aftersales.support.CustomerBodies.customer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class CustomerResourceTest {

    @Test
    void registersReadsAndAmendsWithEtagsAndAudit() {
        String code = Api.unique("c");
        String id = as("SALES")
                .body(customer(code.toLowerCase()).name("比亚迪商用车").contact(contact("刘洋").email("liu@example.cn")).json())
                .post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/customers/"))
                .header("ETag", "\"0\"")
                .body("code", equalTo(code))
                .body("contacts[0].name", equalTo("刘洋"))
                .extract().path("id");

        as("QUALITY_ENGINEER").get("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("比亚迪商用车"));

        String body = customer(code).name("比亚迪商用车有限公司").noContacts().json();
        as("SALES").body(body).put("/api/v1/customers/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        as("SALES").header("If-Match", "\"0\"").body(body).put("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("比亚迪商用车有限公司"));
        // The same stale ETag again: someone else's change is not overwritten.
        as("SALES").header("If-Match", "\"0\"").body(body).put("/api/v1/customers/" + id)
                .then().statusCode(412).header("ETag", "\"1\"");

        as("SALES_MANAGER").queryParam("entity", "customer").queryParam("id", id).get("/api/v1/audit")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("UPDATE"))
                .body("items[0].before.name", equalTo("比亚迪商用车"))
                .body("items[0].after.name", equalTo("比亚迪商用车有限公司"))
                .body("items[0].actor", equalTo("test-sales"))
                .body("items[1].action", equalTo("CREATE"));
        as("SALES").queryParam("entity", "customer").get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void duplicateCodeIsConflictAndChangesNothing() {
        String code = Api.unique("dup");
        Api.newCustomer(code);
        as("SALES").body(customer(code).name("另一个").type("FLEET").json())
                .post("/api/v1/customers")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:customer_code_taken"))
                .body("detail", containsString(code));
        as("SALES").queryParam("q", code).get("/api/v1/customers").then().body("items", hasSize(1));
    }

    @Test
    void validationErrorsNameTheFieldInTheCallersLanguage() {
        as("SALES").header("Accept-Language", "en-US,en;q=0.9").body(customer("x").name("").contact(contact("a").email("not-an-email")).json())
                .post("/api/v1/customers")
                .then().statusCode(422).contentType("application/problem+json")
                .header("Content-Language", "en")
                .body("title", equalTo("Invalid input"))
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("contacts[0].email"))
                .body("correlationId", notNullValue());
        as("SALES").body(customer("x").name("n").json())
                .post("/api/v1/customers")
                .then().statusCode(422)
                .header("Content-Language", "zh-CN")
                .body("title", equalTo("输入不符合要求"))
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void unreadableBodiesAre400And415() {
        // Raw bodies: the text itself (broken, an unknown value or field, a wrong type) is what is refused.
        as("SALES").body("{\"code\":").post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:malformed_json"));
        as("SALES").body("""
                        {"code":"ABC","name":"n","type":"SPACESHIP"}""").post("/api/v1/customers")
                .then().log().ifValidationFails().statusCode(400).body("errors[0].field", equalTo("type")).body("errors[0].message", containsString("OEM"));
        as("SALES").body("""
                        {"code":"ABC","name":"n","type":"OEM","id":"%s","version":7}""".formatted(UUID.randomUUID()))
                .post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        as("SALES").body("""
                        {"code":["ABC"],"name":"n","type":"OEM"}""").post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
        as("SALES").contentType("application/xml").body("<customer/>").post("/api/v1/customers")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void everyCallNeedsATokenAndTheRightRole() {
        RestAssured.given().get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        RestAssured.given().auth().oauth2("not.a.jwt").get("/api/v1/customers")
                .then().statusCode(401).contentType("application/problem+json");
        // A token the service has just accepted (and remembers), with its signature changed: refused.
        String good = Api.token("SALES");
        RestAssured.given().auth().oauth2(good).get("/api/v1/customers").then().statusCode(200);
        String forged = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        RestAssured.given().auth().oauth2(forged).get("/api/v1/customers").then().statusCode(401);
        as("WAREHOUSE").body(customer("WH1").name("n").json()).post("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aCustomerAccountSeesOnlyItself() {
        String mine = Api.newCustomer(Api.unique("mine"));
        String other = Api.newCustomer(Api.unique("other"));
        asCustomer(UUID.fromString(mine)).get("/api/v1/customers/" + mine).then().statusCode(200);
        asCustomer(UUID.fromString(mine)).get("/api/v1/customers/" + other)
                .then().statusCode(404).contentType("application/problem+json");
        asCustomer(UUID.fromString(mine)).get("/api/v1/customers")
                .then().statusCode(200).body("items", hasSize(1)).body("items.id", everyItem(equalTo(mine)));
        asCustomer(UUID.fromString(mine)).body(customer("HACK").name("n").json()).post("/api/v1/customers").then().statusCode(403);
    }

    @Test
    void listsArePagedWithACursor() {
        String prefix = Api.unique("pg");
        for (int i = 0; i < 5; i++) {
            Api.newCustomer(prefix + "-" + i);
        }
        String cursor = as("SALES").queryParam("q", prefix).queryParam("limit", 2).get("/api/v1/customers")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].code", equalTo(prefix + "-0"))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        String cursor2 = as("SALES").queryParam("q", prefix).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/customers")
                .then().body("items[0].code", equalTo(prefix + "-2")).extract().path("nextCursor");
        as("SALES").queryParam("q", prefix).queryParam("limit", 2).queryParam("cursor", cursor2).get("/api/v1/customers")
                .then().body("items", hasSize(1)).body("nextCursor", nullValue());
        as("SALES").queryParam("limit", 201).get("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as("SALES").queryParam("cursor", "%%%").get("/api/v1/customers").then().statusCode(400);
    }
}
