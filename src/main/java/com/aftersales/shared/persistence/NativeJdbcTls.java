package com.aftersales.shared.persistence;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.postgresql.ssl.DefaultJavaSSLFactory;

/**
 * The JDBC URL of RDS Proxy (infra/modules/database) names {@code sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory}
 * so that the proxy's certificate is checked against the default trust store (Amazon Root CA 1 is in it). pgjdbc loads
 * that class by name, by reflection, and neither pgjdbc nor Quarkus' PostgreSQL extension registers it for the native
 * image: without this, the native function could not open a TLS connection to the proxy.
 */
@RegisterForReflection(targets = DefaultJavaSSLFactory.class)
public final class NativeJdbcTls {

    private NativeJdbcTls() {
    }
}
