package com.aftersales.shared.persistence;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.rds.RdsUtilities;

import java.net.URI;
import java.util.Map;

/**
 * The database password for IAM authentication to RDS Proxy: an authentication token signed with the function's own
 * AWS credentials (its execution role), valid 15 minutes for opening a connection. No password is stored anywhere, and
 * rotating the database's secret (which only the proxy reads) needs no redeploy.
 * <p>
 * Used when {@code quarkus.datasource.credentials-provider} is set (Terraform sets it in AWS): Agroal then asks for
 * credentials for every new connection, so each connection gets a fresh token. Signing is local (SigV4), no call to
 * AWS. The token is for the host and port of the JDBC URL and the configured user.
 */
@ApplicationScoped
@Named("rds-iam")
@Unremovable
public class RdsIamCredentials implements CredentialsProvider {

    private static final Logger LOG = Logger.getLogger(RdsIamCredentials.class);

    private final String user;
    private final String host;
    private final int port;
    private final AwsCredentialsProvider credentials;
    private volatile Region region;
    private volatile RdsUtilities rds;

    @Inject
    RdsIamCredentials(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                      @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "aftersales") String user) {
        this(jdbcUrl, user, null, DefaultCredentialsProvider.builder().build());
    }

    /** For a given region and AWS credentials instead of the environment's (AWS_REGION and the execution role's). */
    RdsIamCredentials(String jdbcUrl, String user, Region region, AwsCredentialsProvider credentials) {
        // jdbc:postgresql://host:port/database?parameters
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("No host in the JDBC URL " + jdbcUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() == -1 ? 5432 : uri.getPort();
        this.user = user;
        this.region = region;
        this.credentials = credentials;
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        return Map.of(USER_PROPERTY_NAME, user, PASSWORD_PROPERTY_NAME, token());
    }

    String token() {
        return utilities().generateAuthenticationToken(b -> b.hostname(host).port(port).username(user));
    }

    private RdsUtilities utilities() {
        if (rds == null) {
            synchronized (this) {
                if (rds == null) {
                    if (region == null) {
                        region = new DefaultAwsRegionProviderChain().getRegion(); // AWS_REGION in Lambda
                    }
                    rds = RdsUtilities.builder().region(region).credentialsProvider(credentials).build();
                    LOG.infof("Database connections authenticate with IAM tokens as %s at %s:%d (%s)", user, host, port, region);
                }
            }
        }
        return rds;
    }
}
