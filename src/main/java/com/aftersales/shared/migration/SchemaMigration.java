package com.aftersales.shared.migration;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.secrets.SecretsManager;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The deploy's schema step, run by the migration function's handler (never at start): the roles with the application
 * secret's password ({@link DatabaseRoles#prepare}), Flyway's migrations as the owner role (Quarkus' Flyway, whose
 * migrations the build registered, so the native function finds them), then the application role's grants.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Flyway flyway;

    @Inject
    AftersalesConfig config;

    /** What one run did: the number of migrations applied and the schema version after them. */
    public record Result(int applied, String version) {
    }

    public Result migrate() {
        String appSecret = config.db().appSecretArn()
                .orElseThrow(() -> new IllegalStateException("AFTERSALES_DB_APP_SECRET_ARN is not set"));
        // Read on every run: a rotated application password reaches the database with the next run.
        SecretsManager.Credentials app = SecretsManager.credentials(appSecret);
        if (!DatabaseRoles.APP.equals(app.username())) {
            throw new IllegalStateException("The application secret " + appSecret + " is for the user " + app.username()
                    + ", not " + DatabaseRoles.APP);
        }
        Result result = run(dataSource, flyway, app.password(), config.db().appIamAuth(),
                config.db().statementTimeout().request());
        LOG.infof("Schema migrated: %d migration(s) applied, now at version %s; roles %s and %s granted",
                result.applied(), result.version(), DatabaseRoles.OWNER, DatabaseRoles.APP);
        return result;
    }

    /**
     * Roles, migrations, grants: each step idempotent, so a failed run is simply run again. The application role gets
     * the requests' statement timeout as its default.
     */
    public static Result run(DataSource dataSource, Flyway flyway, String appPassword, boolean appIamAuth,
                             String requestStatementTimeout) {
        try {
            try (Connection master = dataSource.getConnection()) {
                DatabaseRoles.prepare(master, appPassword, appIamAuth);
                DatabaseRoles.statementTimeout(master, requestStatementTimeout);
            }
            int applied = flyway.migrate().migrationsExecuted;
            try (Connection master = dataSource.getConnection()) {
                DatabaseRoles.grant(master);
            }
            return new Result(applied, version(flyway.info().applied()));
        } catch (SQLException e) {
            throw new IllegalStateException("The database roles could not be set up: " + e.getMessage(), e);
        }
    }

    private static String version(MigrationInfo[] applied) {
        return Arrays.stream(applied).map(MigrationInfo::getVersion).filter(Objects::nonNull)
                .reduce((first, second) -> second).map(Object::toString).orElse(null);
    }
}
