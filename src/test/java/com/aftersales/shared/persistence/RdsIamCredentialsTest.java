package com.aftersales.shared.persistence;

import io.quarkus.credentials.CredentialsProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdsIamCredentialsTest {

    /** The URL Terraform's database module gives the function (infra/modules/database/outputs.tf). */
    static final String PROXY = "jdbc:postgresql://aftersales-dev.proxy-c1x2y3z4.cn-north-1.rds.amazonaws.com.cn:5432/aftersales"
            + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";

    private static RdsIamCredentials credentials(String url) {
        return new RdsIamCredentials(url, "aftersales", Region.CN_NORTH_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
    }

    private static Map<String, String> query(String token) {
        return Arrays.stream(URI.create("https://" + token).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void aConnectionGetsTheUserAndASignedTokenForTheProxyInsteadOfAPassword() {
        Map<String, String> given = credentials(PROXY).getCredentials("rds-iam");
        assertThat(given.get(CredentialsProvider.USER_PROPERTY_NAME)).isEqualTo("aftersales");
        String token = given.get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        // host:port/?Action=connect&DBUser=…&X-Amz-…: a SigV4 presigned request for the rds-db service.
        assertThat(token).startsWith("aftersales-dev.proxy-c1x2y3z4.cn-north-1.rds.amazonaws.com.cn:5432/?");
        Map<String, String> query = query(token);
        assertThat(query).containsEntry("Action", "connect").containsEntry("DBUser", "aftersales")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Expires", "900")
                .containsEntry("X-Amz-SignedHeaders", "host");
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(query.get("X-Amz-Credential")).isIn("AKIDEXAMPLE/" + today + "/cn-north-1/rds-db/aws4_request",
                "AKIDEXAMPLE/" + LocalDate.now(ZoneOffset.UTC).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE)
                        + "/cn-north-1/rds-db/aws4_request");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
        assertThat(token).doesNotContain("wJalrXUtnFEMI");
    }

    /**
     * The token's signature is the one RDS computes (SigV4, recomputed here without the SDK) from the secret key of
     * the configured credentials, for the configured region, the rds-db service, the proxy's host and port and the
     * user: what RDS Proxy checks. A local PostgreSQL cannot check IAM tokens, so this is where signing is proven.
     */
    @Test
    void theTokenIsSignedWithTheSecretKeyForTheRegionHostPortAndUser() throws Exception {
        String token = credentials(PROXY).getCredentials("rds-iam").get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        assertThat(query(token).get("X-Amz-Signature"))
                .isEqualTo(sigV4(token, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "cn-north-1"))
                .isNotEqualTo(sigV4(token, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "cn-northwest-1"))
                .isNotEqualTo(sigV4(token, "another-secret", "cn-north-1"));
        String otherUser = new RdsIamCredentials(PROXY, "aftersales_app", Region.CN_NORTH_1, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))).token();
        assertThat(query(otherUser)).containsEntry("DBUser", "aftersales_app");
        assertThat(query(otherUser).get("X-Amz-Signature")).isEqualTo(sigV4(otherUser, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "cn-north-1"));
    }

    /** AWS Signature Version 4 of a presigned rds-db connect request (host:port/?query), as the service verifies it. */
    private static String sigV4(String token, String secretKey, String region) throws Exception {
        String hostAndPort = token.substring(0, token.indexOf('/'));
        Map<String, String> query = query(token);
        String canonicalQuery = query.entrySet().stream().filter(e -> !e.getKey().equals("X-Amz-Signature"))
                .sorted(Map.Entry.comparingByKey()).map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String emptyPayload = hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery, "host:" + hostAndPort, "", "host", emptyPayload);
        String amzDate = query.get("X-Amz-Date");
        String scope = amzDate.substring(0, 8) + "/" + region + "/rds-db/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[]{amzDate.substring(0, 8), region, "rds-db", "aws4_request"}) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void theDefaultPortIsPostgresAndAUrlWithoutAHostIsRefused() {
        assertThat(credentials("jdbc:postgresql://db.example.cn/aftersales").token()).startsWith("db.example.cn:5432/?");
        assertThatThrownBy(() -> credentials("jdbc:postgresql:aftersales")).isInstanceOf(IllegalArgumentException.class);
    }
}
