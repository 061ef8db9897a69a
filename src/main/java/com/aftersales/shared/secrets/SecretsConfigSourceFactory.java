package com.aftersales.shared.secrets;

import com.aftersales.shared.migration.DatabaseRoles;
import com.aftersales.shared.migration.MasterSecretCredentials;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Configuration that comes from AWS Secrets Manager or from the function's role, read once at start (never kept in a
 * function's environment, a schedule's input or the Terraform state):
 * <ul>
 * <li>{@code AFTERSALES_SMTP_SECRET_ARN}: the SMTP password (the secret's plain-text value) becomes
 * {@code quarkus.mailer.password}. A secret without a value yet only logs a warning: the function starts, and sending
 * mail fails per message until the password is stored.</li>
 * <li>{@code AFTERSALES_DB_MASTER_SECRET_ARN} (the migration function): the datasource becomes the RDS instance at
 * {@code AFTERSALES_DB_INSTANCE_JDBC_URL} with the master credentials of that secret, fetched for every new connection
 * ({@link MasterSecretCredentials}, so RDS's rotation of the master password needs no restart); Hibernate touches no
 * table at start (the schema may not exist yet), Flyway creates its objects as the owner role, and the identity
 * provider's settings are not needed (the function serves no HTTP request).</li>
 * <li>{@code AFTERSALES_WEBHOOKS_KEY_SECRET_ARN}: the key sealing webhook credentials at rest becomes
 * {@code aftersales.webhooks.credentials-key} (read as the SMTP secret is: a missing value only logs a warning, and
 * registering or sending to a webhook is refused until it is stored).</li>
 * </ul>
 * Ordinal 275: above application.properties (250), below the environment (300).
 */
public class SecretsConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(SecretsConfigSourceFactory.class);

    static final String SMTP_SECRET = "aftersales.smtp.secret-arn";
    static final String MASTER_SECRET = "aftersales.db.master-secret-arn";
    static final String WEBHOOK_KEY_SECRET = "aftersales.webhooks.key-secret-arn";
    static final String INSTANCE_URL = "aftersales.db.instance-jdbc-url";
    static final String CA_BUNDLE = "aftersales.db.ca-bundle";
    /** Where the build puts the RDS CA bundle in function.zip (src/main/zip.jvm, src/main/zip.native); see docs/security.md. */
    static final String CA_BUNDLE_FILE = "rds-ca-bundle.pem";
    static final int ORDINAL = 275;
    static final String NO_TOKENS = "urn:aftersales:migration-function-verifies-no-tokens";

    private static final Pattern VERIFYING = Pattern.compile("[?&]sslmode=verify-(ca|full)(&|$)");

    /** The factory runs for the static and the runtime configuration: the secret is read once per process. */
    private static final Map<String, Optional<String>> SMTP_PASSWORDS = new HashMap<>();

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> props = properties(name -> {
            var value = context.getValue(name);
            return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
        }, SecretsConfigSourceFactory::smtpPassword);
        return props.isEmpty() ? List.of() : List.of(new PropertiesConfigSource(props, "aftersales-secrets", ORDINAL));
    }

    static Map<String, String> properties(Function<String, String> config, Function<String, Optional<String>> smtpPassword) {
        Map<String, String> props = new HashMap<>();
        String smtpSecret = config.apply(SMTP_SECRET);
        if (smtpSecret != null) {
            smtpPassword.apply(smtpSecret).ifPresent(password -> props.put("quarkus.mailer.password", password));
        }
        // The key sealing webhook credentials at rest (notify.WebhookEndpoints): Base64 of 256 bits, the secret's value.
        String webhookKey = config.apply(WEBHOOK_KEY_SECRET);
        if (webhookKey != null) {
            smtpPassword.apply(webhookKey).ifPresent(key -> props.put("aftersales.webhooks.credentials-key", key));
        }
        if (config.apply(MASTER_SECRET) != null) {
            String url = config.apply(INSTANCE_URL);
            if (url == null) {
                throw new IllegalStateException("AFTERSALES_DB_MASTER_SECRET_ARN is set without AFTERSALES_DB_INSTANCE_JDBC_URL");
            }
            props.put("quarkus.datasource.jdbc.url", withRootCertificate(url, config));
            // Set for every profile: application.properties names rds-iam for %prod.
            for (String prefix : List.of("", "%prod.")) {
                props.put(prefix + "quarkus.datasource.credentials-provider", MasterSecretCredentials.NAME);
                props.put(prefix + "quarkus.datasource.credentials-provider-name", MasterSecretCredentials.NAME);
            }
            props.put("quarkus.hibernate-orm.schema-management.strategy", "none");
            props.put("quarkus.hibernate-orm.database.version-check.enabled", "false");
            props.put("quarkus.flyway.init-sql", "set role " + DatabaseRoles.OWNER);
            // The migration function answers no HTTP request (shared/migration/MigrateFunction), so it verifies no token: the
            // identity provider's settings, required to start the API, need not be given to it.
            if (config.apply("AFTERSALES_JWT_ISSUER") == null) {
                props.put("mp.jwt.verify.issuer", NO_TOKENS);
                props.put("mp.jwt.verify.publickey.location", NO_TOKENS);
            }
        }
        return props;
    }

    /**
     * With sslmode=verify-full (or verify-ca) and no sslrootcert, the RDS CA bundle of the package: RDS instance
     * certificates are signed by the RDS certificate authorities, which no default trust store holds.
     */
    static String withRootCertificate(String url, Function<String, String> config) {
        if (!VERIFYING.matcher(url).find() || url.contains("sslrootcert=")) {
            return url;
        }
        String bundle = Optional.ofNullable(config.apply(CA_BUNDLE)).orElseGet(() ->
                Path.of(Optional.ofNullable(config.apply("lambda.task.root")).orElse("/var/task"), CA_BUNDLE_FILE).toString());
        if (!Files.isReadable(Path.of(bundle))) {
            throw new IllegalStateException("The RDS CA bundle " + bundle + " is missing: the build puts it into function.zip "
                    + "(docs/security.md, Database roles), or set AFTERSALES_DB_CA_BUNDLE to its path");
        }
        return url + "&sslrootcert=" + bundle;
    }

    private static Optional<String> smtpPassword(String secretArn) {
        synchronized (SMTP_PASSWORDS) {
            return SMTP_PASSWORDS.computeIfAbsent(secretArn, arn -> {
                try {
                    Optional<String> password = SecretsManager.read(arn);
                    if (password.isEmpty()) {
                        LOG.warnf("The SMTP secret %s is empty: e-mail cannot be sent until its value is the SMTP password", arn);
                    }
                    return password;
                } catch (RuntimeException e) {
                    // No value stored yet is a ResourceNotFoundException; the function starts either way.
                    LOG.warnf("The SMTP secret %s could not be read (%s): e-mail cannot be sent until it can", arn, e.getMessage());
                    return Optional.empty();
                }
            });
        }
    }
}
