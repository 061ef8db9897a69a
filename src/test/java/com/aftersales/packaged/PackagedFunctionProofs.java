package com.aftersales.packaged;

import com.aftersales.support.Api;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a packaged function (JVM and native) proves about its connections beyond the flows of {@link EndToEndFlows},
 * with the servers {@link PackagedArtifactResources} started for it. The flows pass only if the function reached
 * PostgreSQL and the key set through TLS with certificates of the test CA; these tests pin down that no looser path
 * could have let them pass.
 */
interface PackagedFunctionProofs {

    /**
     * PostgreSQL takes only TLS connections, and the function's URL (verify-full through the default trust store,
     * as in AWS) refuses a certificate the process does not trust and a host name the certificate does not name. The
     * function, given that URL and a trust store with the test CA, answered the flows from the database: it verified the
     * chain and the name. (The same URL from this test JVM, which does not trust the CA, is refused.)
     */
    @Test
    default void theDatabaseIsReachedOnlyWithTlsVerifyFull() throws SQLException {
        TlsPostgres pg = PackagedArtifactResources.pg;
        String plain = "jdbc:postgresql://localhost:" + pg.port() + "/postgres?sslmode=disable";
        assertThatThrownBy(() -> connect(plain)).isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
        assertThatThrownBy(() -> connect(pg.jdbcUrl())).isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL error").rootCause().hasMessageContaining("certification path");
        String ca = PackagedArtifactResources.certificates.caPem().toString();
        try (Connection trusted = connect(PackagedArtifactResources.testJdbcUrl())) {
            var ssl = trusted.createStatement().executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()");
            assertThat(ssl.next() && ssl.getBoolean(1)).isTrue();
        }
        assertThatThrownBy(() -> connect("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?sslmode=verify-full&sslrootcert=" + ca))
                .isInstanceOf(SQLException.class).hasMessageContaining("127.0.0.1");
    }

    /**
     * The function checks tokens against the identity provider's key set, which it downloaded over HTTPS (a server
     * certificate of the test CA for localhost): a token is accepted and a download was served.
     */
    @Test
    default void theFunctionChecksTokensWithTheKeySetItFetchedOverHttps() {
        Api.as("SALES").get("/api/v1/customers").then().statusCode(200);
        assertThat(PackagedArtifactResources.jwks.url()).startsWith("https://localhost:");
        assertThat(PackagedArtifactResources.jwks.downloads()).isPositive();
        // A token signed with another key, under the same key id, is refused.
        String forged = Api.jwt("intruder").groups(Set.of("ADMIN"))
                .issuer(PackagedArtifactResources.ISSUER).jws().keyId(PackagedArtifactResources.KEY_ID).sign(otherKey());
        RestAssured.given().auth().oauth2(forged).get("/api/v1/customers").then().statusCode(401);
    }

    private static PrivateKey otherKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties user = new Properties();
        user.setProperty("user", "postgres");
        user.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(url, user);
    }
}
