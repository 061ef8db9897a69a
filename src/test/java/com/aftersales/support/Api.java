package com.aftersales.support;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/** Requests as a given role, through the Lambda event path (the mock event server of quarkus-amazon-lambda-http). */
public final class Api {

    private Api() {
    }

    /** The app client id tests' tokens are issued to (aftersales.security.client-ids in the test profile). */
    public static final String CLIENT_ID = "aftersales-dev";

    /**
     * The claims of an access token for a subject, as Cognito issues it to the app client: {@code client_id} and
     * {@code token_use=access} (the service refuses a token without them). Every test token starts here.
     */
    public static JwtClaimsBuilder jwt(String subject) {
        return Jwt.subject(subject).claim("client_id", CLIENT_ID).claim("token_use", "access");
    }

    public static String token(String role) {
        return jwt(subject(role)).groups(Set.of(role)).sign();
    }

    /** The subject of {@link #token(String)}'s token for a role (the person a case can be assigned to). */
    public static String subject(String role) {
        return "test-" + role.toLowerCase();
    }

    public static String customerToken(UUID customerId) {
        return jwt("customer-" + customerId).groups(Set.of("CUSTOMER")).claim("customer_id", customerId.toString()).sign();
    }

    /** A SERVICE_STATION account of a station (a customer of type SERVICE_STATION): its claim names the station. */
    public static String stationToken(UUID stationId) {
        return jwt("station-" + stationId).groups(Set.of("SERVICE_STATION")).claim("station_id", stationId.toString()).sign();
    }

    public static RequestSpecification asStation(UUID stationId) {
        return RestAssured.given().auth().oauth2(stationToken(stationId)).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String role) {
        return RestAssured.given().auth().oauth2(token(role)).contentType(ContentType.JSON);
    }

    /** The media type of a JSON Merge Patch (RFC 7396), the body of every PATCH. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    /** A request as a role with a JSON Merge Patch body, in UTF-8 as every JSON (RestAssured's default is Latin-1). */
    public static RequestSpecification mergePatchAs(String role) {
        return as(role).config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .defaultCharsetForContentType(StandardCharsets.UTF_8.name(), MERGE_PATCH))).contentType(MERGE_PATCH);
    }

    /** A named user (token subject) with roles: for notices addressed to a person and per-user preferences. */
    public static RequestSpecification asPerson(String subject, String... roles) {
        return RestAssured.given().auth().oauth2(jwt(subject).groups(Set.of(roles)).sign()).contentType(ContentType.JSON);
    }

    public static RequestSpecification asCustomer(UUID customerId) {
        return RestAssured.given().auth().oauth2(customerToken(customerId)).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    /** A code no other test uses. */
    public static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }

    /** A serial as typed with a Chinese input method: full-width letters, digits and hyphens (AB-1 → ＡＢ－１). */
    public static String fullWidth(String serial) {
        return serial.chars().mapToObj(c -> Character.isLetterOrDigit(c) ? String.valueOf((char) (c + 0xFEE0))
                : c == '-' ? "－" : String.valueOf((char) c)).reduce("", String::concat);
    }

    public static String newCustomer(String code) {
        return as("SALES").body(CustomerBodies.customer(code).contact(CustomerBodies.contact("张三").phone("+86 10 1234 5678")).json())
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }
}
