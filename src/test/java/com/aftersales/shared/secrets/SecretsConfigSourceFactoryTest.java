package com.aftersales.shared.secrets;

import com.aftersales.shared.migration.MasterSecretCredentials;
import com.aftersales.support.LocalSecretsManager;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The configuration read from Secrets Manager at start, against a local server speaking the service's JSON protocol
 * (the SDK reaches it through its standard endpoint setting), with the configuration built as Quarkus builds it:
 * application.properties, then the environment, then this factory.
 */
class SecretsConfigSourceFactoryTest {

    private static final Map<String, String> SDK_SETTINGS = Map.of(
            "aws.endpointUrlSecretsManager", "", "aws.region", "cn-north-1",
            "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "secret-of-the-execution-role");

    private static LocalSecretsManager secrets;

    @BeforeAll
    static void aLocalSecretsManager() {
        secrets = new LocalSecretsManager();
        SDK_SETTINGS.forEach((key, value) -> System.setProperty(key, value.isEmpty() ? secrets.endpoint() : value));
        SecretsManager.reset();
    }

    @AfterAll
    static void stop() {
        SDK_SETTINGS.keySet().forEach(System::clearProperty);
        SecretsManager.reset();
        secrets.close();
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        try {
            return build(environment);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SmallRyeConfig build(Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(SecretsConfigSourceFactoryTest.class.getClassLoader()
                        .getResource("application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new SecretsConfigSourceFactory())
                .build();
    }

    @Test
    void theSmtpPasswordComesFromItsSecret() {
        String arn = secrets.put("smtp-password", "p@ss word/1");
        SmallRyeConfig config = config(Map.of("AFTERSALES_SMTP_SECRET_ARN", arn));
        assertThat(config.getOptionalValue("quarkus.mailer.password", String.class)).contains("p@ss word/1");
        assertThat(secrets.requested()).contains(arn);
    }

    @Test
    void theWebhookSealingKeyComesFromItsSecret() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String arn = secrets.put("webhook-key", key);
        SmallRyeConfig config = config(Map.of("AFTERSALES_WEBHOOKS_KEY_SECRET_ARN", arn));
        assertThat(config.getOptionalValue("aftersales.webhooks.credentials-key", String.class)).contains(key);
        assertThat(config(Map.of()).getOptionalValue("aftersales.webhooks.credentials-key", String.class)).isEmpty();
    }

    @Test
    void anSmtpSecretWithoutAValueDoesNotStopTheStart() {
        String never = secrets.put("smtp-never-set", null);
        String blank = secrets.put("smtp-blank", "   ");
        assertThat(config(Map.of("AFTERSALES_SMTP_SECRET_ARN", never)).getOptionalValue("quarkus.mailer.password", String.class))
                .isEmpty();
        assertThat(config(Map.of("AFTERSALES_SMTP_SECRET_ARN", blank)).getOptionalValue("quarkus.mailer.password", String.class))
                .isEmpty();
        assertThat(secrets.requested()).contains(never, blank);
    }

    @Test
    void withoutSecretArnsNothingIsReadAndNothingChanges() {
        int before = secrets.requested().size();
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getOptionalValue("quarkus.mailer.password", String.class)).isEmpty();
        assertThat(config.getValue("quarkus.hibernate-orm.schema-management.strategy", String.class)).isEqualTo("validate");
        assertThat(config.getValue("quarkus.datasource.credentials-provider-name", String.class)).isEqualTo("rds-iam");
        assertThat(secrets.requested()).hasSize(before);
    }

    @Test
    void theMigrationFunctionConnectsToTheInstanceWithTheMasterSecretAndTouchesNoTableAtStart() {
        SmallRyeConfig config = config(Map.of(
                "AFTERSALES_DB_MASTER_SECRET_ARN", secrets.put("rds-master", "{\"username\":\"postgres\",\"password\":\"x\"}"),
                "AFTERSALES_DB_APP_SECRET_ARN", secrets.put("app", "{\"username\":\"aftersales_app\",\"password\":\"y\"}"),
                "AFTERSALES_DB_INSTANCE_JDBC_URL", "jdbc:postgresql://db.internal:5432/aftersales"));
        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class)).isEqualTo("jdbc:postgresql://db.internal:5432/aftersales");
        assertThat(config.getValue("quarkus.datasource.credentials-provider", String.class)).isEqualTo(MasterSecretCredentials.NAME);
        assertThat(config.getValue("quarkus.datasource.credentials-provider-name", String.class)).isEqualTo(MasterSecretCredentials.NAME);
        assertThat(config.getValue("quarkus.hibernate-orm.schema-management.strategy", String.class)).isEqualTo("none");
        assertThat(config.getValue("quarkus.hibernate-orm.database.version-check.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.flyway.init-sql", String.class)).isEqualTo("set role aftersales_owner");
        assertThat(config.getValue("quarkus.flyway.migrate-at-start", Boolean.class)).isFalse();
        assertThat(config.getValue("mp.jwt.verify.issuer", String.class)).isEqualTo(SecretsConfigSourceFactory.NO_TOKENS);
        // The master password is fetched per connection, never kept in the configuration.
        assertThat(config.getOptionalValue("quarkus.datasource.password", String.class)).isEmpty();
    }

    @Test
    void theMasterSecretWithoutTheInstanceUrlIsAnError() {
        assertThatThrownBy(() -> config(Map.of("AFTERSALES_DB_MASTER_SECRET_ARN", "arn:x")))
                .hasStackTraceContaining("AFTERSALES_DB_INSTANCE_JDBC_URL");
    }

    @Test
    void verifyFullTrustsTheRdsCaBundleOfThePackage(@TempDir Path taskRoot) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("LAMBDA_TASK_ROOT", taskRoot.toString()));
        String url = "jdbc:postgresql://db.internal:5432/aftersales?sslmode=verify-full";
        assertThatThrownBy(() -> SecretsConfigSourceFactory.withRootCertificate(url, lookup(env)))
                .hasMessageContaining(taskRoot.resolve("rds-ca-bundle.pem").toString()).hasMessageContaining("docs/security.md");
        Files.writeString(taskRoot.resolve("rds-ca-bundle.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(SecretsConfigSourceFactory.withRootCertificate(url, lookup(env)))
                .isEqualTo(url + "&sslrootcert=" + taskRoot.resolve("rds-ca-bundle.pem"));
        Path elsewhere = Files.writeString(taskRoot.resolve("bundle.pem"), "x");
        env.put("AFTERSALES_DB_CA_BUNDLE", elsewhere.toString());
        assertThat(SecretsConfigSourceFactory.withRootCertificate(url, lookup(env))).endsWith("&sslrootcert=" + elsewhere);
        // Already named, or no certificate check asked for: unchanged.
        String named = url + "&sslrootcert=/opt/ca.pem";
        assertThat(SecretsConfigSourceFactory.withRootCertificate(named, lookup(env))).isEqualTo(named);
        assertThat(SecretsConfigSourceFactory.withRootCertificate("jdbc:postgresql://h/db?sslmode=require", lookup(env)))
                .isEqualTo("jdbc:postgresql://h/db?sslmode=require");
    }

    @Test
    void aDatabaseSecretIsJsonWithAUserAndAPassword() {
        assertThat(SecretsManager.credentials(secrets.put("db", "{\"username\":\"aftersales_app\",\"password\":\"pw\",\"engine\":\"postgres\"}")))
                .isEqualTo(new SecretsManager.Credentials("aftersales_app", "pw"));
        assertThatThrownBy(() -> SecretsManager.credentials(secrets.put("plain", "just-a-password")))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SecretsManager.credentials(secrets.put("nouser", "{\"password\":\"pw\"}")))
                .hasMessageContaining("needs a username and a password");
    }

    /** Property names as the environment source resolves them (AFTERSALES_DB_CA_BUNDLE for aftersales.db.ca-bundle). */
    private static java.util.function.Function<String, String> lookup(Map<String, String> env) {
        EnvConfigSource source = new EnvConfigSource(env, 300);
        return name -> Optional.ofNullable(source.getValue(name)).orElse(null);
    }
}
