package com.aftersales.shared.migration;

import com.aftersales.shared.lambda.LambdaFunction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The migration function ({@code QUARKUS_LAMBDA_HANDLER=migrate}, 900 s): the deploy workflow invokes it with {@code {}}
 * before the API and jobs functions move to new code. Every invocation runs {@link SchemaMigration#migrate()} (database
 * roles, Flyway as the schema owner, the application role's grants) and answers {@code {"applied":n,"version":"v"}};
 * a failure is thrown, so the invocation fails (FunctionError) and the deploy stops. Flyway never runs at start, so a
 * long migration is never restarted by Lambda's 10 s init limit.
 */
@ApplicationScoped
@Named("migrate")
public class MigrateFunction implements LambdaFunction {

    @Inject
    SchemaMigration migration;

    @Override
    public Map<String, Object> handle(Map<String, Object> input) {
        if (!input.isEmpty()) {
            throw new IllegalArgumentException("the migration function takes {}, not " + input);
        }
        SchemaMigration.Result result = migration.migrate();
        return Map.of("applied", result.applied(), "version", result.version());
    }
}
