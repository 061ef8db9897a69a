package com.aftersales.shared.security;

import com.aftersales.support.Api;
import com.aftersales.support.OpenApiOperations;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@link AnyRole} and {@link AnyStaff} endpoints refuse exactly as {@code @RolesAllowed} did: 401 without a token and
 * 403 for a role outside the group, both before the body is read, and roles from Cognito's groups count as well; the
 * OpenAPI document describes them as it describes {@code @RolesAllowed} endpoints.
 */
@QuarkusTest
class RoleGroupEndpointsTest {

    private static final String BROKEN_JSON = "{\"units\": [";

    @Test
    void anonymousCallersGet401BeforeTheBodyIsRead() {
        RestAssured.given().contentType(ContentType.JSON).body(BROKEN_JSON).post("/api/v1/cases")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        RestAssured.given().get("/api/v1/spare-parts").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRoleOutsideTheGroupGets403BeforeTheBodyIsRead() {
        String outsider = Api.jwt("outsider").groups("NOT_A_ROLE").sign();
        RestAssured.given().auth().oauth2(outsider).contentType(ContentType.JSON).body(BROKEN_JSON).post("/api/v1/cases")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aCustomerAccountReachesAnyRoleEndpointsButNoStaffOnes() {
        UUID customer = UUID.randomUUID();
        Api.asCustomer(customer).get("/api/v1/cases").then().statusCode(200);
        Api.asCustomer(customer).get("/api/v1/spare-parts").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void rolesFromCognitoGroupsCountForTheGroups() {
        String warehouse = Api.jwt("cognito-warehouse").claim("cognito:groups", List.of(Roles.WAREHOUSE)).sign();
        RestAssured.given().auth().oauth2(warehouse).get("/api/v1/spare-parts").then().statusCode(200);
        String customer = Api.jwt("cognito-customer").claim("cognito:groups", List.of(Roles.CUSTOMER))
                .claim("customer_id", UUID.randomUUID().toString()).sign();
        RestAssured.given().auth().oauth2(customer).get("/api/v1/spare-parts").then().statusCode(403);
        RestAssured.given().auth().oauth2(customer).get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void theDocumentDescribesGroupEndpointsLikeRolesAllowedOnes() {
        assertThat(operation("GET /api/v1/spare-parts").roles()).containsExactlyElementsOf(Roles.STAFF);
        assertThat(operation("POST /api/v1/cases").roles()).containsExactlyElementsOf(Roles.ANY);
        // POST /api/v1/customers and GET /api/v1/audit keep @RolesAllowed: the same responses (a case's body also
        // names records that may not exist: its 404).
        assertThat(responses("POST /api/v1/customers"))
                .containsExactly("201", "400", "401", "403", "409", "413", "415", "422", "503");
        assertThat(responses("POST /api/v1/cases"))
                .containsExactly("201", "400", "401", "403", "404", "409", "413", "415", "422", "503");
        assertThat(responses("GET /api/v1/spare-parts")).isEqualTo(responses("GET /api/v1/audit"))
                .containsExactly("200", "400", "401", "403", "503");
    }

    private static OpenApiOperations.Operation operation(String key) {
        return OpenApiOperations.all().stream().filter(op -> op.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> responses(String key) {
        OpenApiOperations.Operation op = operation(key);
        JsonNode responses = op.document().path("paths").path(op.path()).path(op.method().toLowerCase()).path("responses");
        List<String> out = new ArrayList<>();
        responses.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
