package com.aftersales.shared.persistence;

import io.quarkus.credentials.CredentialsProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
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

    @Test
    void theDefaultPortIsPostgresAndAUrlWithoutAHostIsRefused() {
        assertThat(credentials("jdbc:postgresql://db.example.cn/aftersales").token()).startsWith("db.example.cn:5432/?");
        assertThatThrownBy(() -> credentials("jdbc:postgresql:aftersales")).isInstanceOf(IllegalArgumentException.class);
    }
}
