package com.aftersales.shared.devdb;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * In dev and test mode, when no datasource URL is configured, starts a real embedded PostgreSQL
 * (zonky, provided scope: never packaged) and a throw-away RSA key pair for signing dev/test JWTs.
 * In prod it does nothing. Nothing here touches zonky classes directly, so the prod and native
 * builds never link them.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "aftersales.devdb.jdbc-url";
    private static final String LAUNCHER = ".EmbeddedPostgresLauncher";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest) {
            return List.of();
        }
        DevKeys keys = DevKeys.obtain();
        Map<String, String> props = new java.util.HashMap<>(Map.of(
                "mp.jwt.verify.publickey", keys.publicKeyPem(),
                "smallrye.jwt.sign.key", keys.privateKeyPem()));
        var configured = context.getValue("quarkus.datasource.jdbc.url");
        if (configured == null || configured.getValue() == null || configured.getValue().isBlank()) {
            props.put("quarkus.datasource.jdbc.url", startEmbedded());
            props.put("quarkus.datasource.username", "postgres");
            props.put("quarkus.datasource.password", "postgres");
        }
        // Ordinal below application.properties (250) and the environment (300): configuration always wins.
        return List.of(new PropertiesConfigSource(props, "aftersales-dev-database", 200));
    }

    /** One PostgreSQL per JVM, also across dev-mode hot reloads (which get a new class loader). */
    @SuppressWarnings("unchecked")
    private String startEmbedded() {
        synchronized (System.class) {
            String url = System.getProperty(URL);
            if (url != null) {
                return url;
            }
            try {
                // Looked up by a computed name so that prod and native builds never link the zonky classes.
                String launcher = getClass().getPackageName() + LAUNCHER;
                Supplier<String> start = (Supplier<String>) Class.forName(launcher, true, getClass().getClassLoader())
                        .getDeclaredConstructor().newInstance();
                url = start.get();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("No datasource is configured (QUARKUS_DATASOURCE_JDBC_URL) and the embedded "
                        + "PostgreSQL is not on the class path: it exists only in dev mode and tests", e);
            }
            System.setProperty(URL, url);
            return url;
        }
    }
}
