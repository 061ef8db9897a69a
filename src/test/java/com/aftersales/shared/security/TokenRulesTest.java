package com.aftersales.shared.security;

import com.aftersales.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;

/**
 * Which tokens the service accepts (issue 22): access tokens (token_use=access) issued to its app client (client_id, or
 * aud for an OIDC token), with the identity provider's keys fetched again every 5 minutes; and a token holding CUSTOMER
 * is a customer token, whatever else it holds.
 */
@QuarkusTest
class TokenRulesTest {

    @Inject
    JWTAuthContextInfo jwt;

    static int status(String token) {
        return RestAssured.given().auth().oauth2(token).get("/api/v1/case-settings/slas").then().extract().statusCode();
    }

    @Test
    void onlyAccessTokensOfTheServicesAppClientAreAccepted() {
        // Cognito's access token: client_id and token_use=access.
        assertThat(status(Api.jwt("t-access").groups("ADMIN").sign())).isEqualTo(200);
        // An OIDC token issued to the client by aud.
        assertThat(status(Jwt.subject("t-aud").audience(Api.CLIENT_ID).claim("token_use", "access").groups("ADMIN").sign()))
                .isEqualTo(200);
        // Cognito's id token of the same user and client: aud, token_use=id.
        assertThat(status(Jwt.subject("t-id").audience(Api.CLIENT_ID).claim("token_use", "id").groups("ADMIN").sign()))
                .isEqualTo(401);
        // No token_use at all.
        assertThat(status(Jwt.subject("t-nouse").claim("client_id", Api.CLIENT_ID).groups("ADMIN").sign())).isEqualTo(401);
        // Another app client of the same pool, by client_id or by aud; no client at all.
        assertThat(status(Jwt.subject("t-other").claim("client_id", "other-app").claim("token_use", "access").groups("ADMIN")
                .sign())).isEqualTo(401);
        assertThat(status(Jwt.subject("t-other-aud").audience("other-app").claim("token_use", "access").groups("ADMIN").sign()))
                .isEqualTo(401);
        assertThat(status(Jwt.subject("t-noclient").claim("token_use", "access").groups("ADMIN").sign())).isEqualTo(401);
        // A client_id of another app is not saved by an aud naming this one.
        assertThat(status(Jwt.subject("t-mixed").claim("client_id", "other-app").audience(Api.CLIENT_ID)
                .claim("token_use", "access").groups("ADMIN").sign())).isEqualTo(401);
    }

    @Test
    void theKeySetIsFetchedAgainWithinFiveMinutes() {
        assertThat(jwt.getJwksRefreshInterval()).isLessThanOrEqualTo(5);
        assertThat(jwt.getForcedJwksRefreshInterval()).isLessThanOrEqualTo(5);
        assertThat(CachingJwtParser.MAX_AGE_SECONDS).isLessThanOrEqualTo(300);
    }

    @Test
    void aTokenWithCustomerIsACustomerTokenWhateverElseItHolds() {
        String own = Api.newCustomer(Api.unique("MIX"));
        String other = Api.newCustomer(Api.unique("MIX"));
        String mixed = Api.jwt("mixed-" + own).groups(Set.of("CUSTOMER", "GENERAL_MANAGER", "ADMIN"))
                .claim("customer_id", own).sign();
        // The same mix with the staff roles in Cognito's claim.
        String cognitoMixed = Api.jwt("cognito-mixed-" + own).claim("cognito:groups", List.of("ADMIN", "CUSTOMER"))
                .claim("customer_id", own).sign();
        String manager = Api.token("GENERAL_MANAGER");
        for (String token : List.of(mixed, cognitoMixed)) {
            // Staff-only endpoints: refused before anything is read.
            RestAssured.given().auth().oauth2(token).queryParam("entity", "customer").get("/api/v1/audit").then().statusCode(403);
            RestAssured.given().auth().oauth2(token).get("/api/v1/follow-ups").then().statusCode(403);
            RestAssured.given().auth().oauth2(token).get("/api/v1/case-settings/slas").then().statusCode(403);
            // Open to customers: only its own customer.
            RestAssured.given().auth().oauth2(token).get("/api/v1/customers/" + other).then().statusCode(404);
            RestAssured.given().auth().oauth2(token).get("/api/v1/customers/" + own).then().statusCode(200);
            RestAssured.given().auth().oauth2(token).get("/api/v1/customers").then().statusCode(200)
                    .body("items.id", everyItem(equalTo(own)));
        }
        // Staff without CUSTOMER keep their rights.
        RestAssured.given().auth().oauth2(manager).queryParam("entity", "customer").get("/api/v1/audit").then().statusCode(200);
        RestAssured.given().auth().oauth2(manager).get("/api/v1/follow-ups").then().statusCode(200);
        RestAssured.given().auth().oauth2(manager).get("/api/v1/customers/" + other).then().statusCode(200);
        assertThat(Caller.effectiveRoles(Set.of("ADMIN", "CUSTOMER"))).containsExactly("CUSTOMER");
        assertThat(Caller.effectiveRoles(Set.of("ADMIN", "SALES"))).containsExactlyInAnyOrder("ADMIN", "SALES");
    }
}
