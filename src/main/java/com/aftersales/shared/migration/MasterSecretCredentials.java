package com.aftersales.shared.migration;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.secrets.SecretsManager;
import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The migration function's database credentials: the RDS-managed master secret, read from Secrets Manager for every
 * new connection (RDS rotates that password on its own schedule). Chosen by the configuration that
 * {@code shared.secrets.SecretsConfigSourceFactory} supplies when {@code AFTERSALES_DB_MASTER_SECRET_ARN} is set.
 */
@ApplicationScoped
@Named(MasterSecretCredentials.NAME)
@Unremovable
public class MasterSecretCredentials implements CredentialsProvider {

    public static final String NAME = "db-master-secret";

    @Inject
    AftersalesConfig config;

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        String arn = config.db().masterSecretArn()
                .orElseThrow(() -> new IllegalStateException("AFTERSALES_DB_MASTER_SECRET_ARN is not set"));
        SecretsManager.Credentials master = SecretsManager.credentials(arn);
        return Map.of(USER_PROPERTY_NAME, master.username(), PASSWORD_PROPERTY_NAME, master.password());
    }
}
