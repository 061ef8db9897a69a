package com.aftersales.packaged;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identity provider's key set over HTTPS, as Cognito or a China OIDC provider serves it
 * ({@code AFTERSALES_JWT_JWKS_URL=https://localhost:<port>/jwks.json}): a JDK HTTPS server on the loopback address
 * with a certificate for {@code localhost} from the test CA. It counts the key set's downloads, so a test can tell that
 * the function's tokens were checked against these keys.
 */
final class HttpsJwks implements AutoCloseable {

    static final String PATH = "/jwks.json";

    private final HttpsServer server;
    private final AtomicInteger downloads = new AtomicInteger();

    private HttpsJwks(HttpsServer server) {
        this.server = server;
    }

    /** Serves the public key under the key id {@code kid}. */
    static HttpsJwks start(TestCertificates certificates, RSAPublicKey key, String kid) {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            byte[] body = new JsonWebKeySet(List.<JsonWebKey>of(jwk)).toJson().getBytes(StandardCharsets.UTF_8);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(
                    certificates.serverContext(certificates.issue("localhost", List.of("localhost")))));
            HttpsJwks jwks = new HttpsJwks(server);
            server.createContext(PATH, exchange -> {
                try (exchange) {
                    if (!PATH.equals(exchange.getRequestURI().getPath())) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    jwks.downloads.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "https://localhost:" + server.getAddress().getPort() + PATH;
    }

    /** How often the key set was downloaded. */
    int downloads() {
        return downloads.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
