package com.aftersales.shared.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads secrets from AWS Secrets Manager with the function's own credentials (its execution role) in its region
 * (AWS_REGION). One client per process, built on first use; the endpoint follows the SDK's standard settings
 * (AWS_ENDPOINT_URL_SECRETS_MANAGER), which the tests point at a local server.
 */
public final class SecretsManager {

    private static volatile SecretsManagerClient client;

    private SecretsManager() {
    }

    /** The secret's current string value; empty when the secret has no value yet (or an empty one). */
    public static Optional<String> read(String secretArn) {
        String value = client().getSecretValue(b -> b.secretId(secretArn)).secretString();
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A database secret: the JSON {@code {"username": ..., "password": ...}} of RDS and of Terraform's app secret. */
    public static Credentials credentials(String secretArn) {
        String json = read(secretArn).orElseThrow(() -> new IllegalStateException("The secret " + secretArn + " has no value"));
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            String username = node.path("username").asText("");
            String password = node.path("password").asText("");
            if (username.isEmpty() || password.isEmpty()) {
                throw new IllegalStateException("The secret " + secretArn + " is not a database secret: it needs a username and a password");
            }
            return new Credentials(username, password);
        } catch (IOException e) {
            throw new UncheckedIOException("The secret " + secretArn + " is not JSON", e);
        }
    }

    public record Credentials(String username, String password) {

        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    private static SecretsManagerClient client() {
        if (client == null) {
            synchronized (SecretsManager.class) {
                if (client == null) {
                    client = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                }
            }
        }
        return client;
    }

    /** Tests: forget the client, so the next read builds one from the current settings. */
    static synchronized void reset() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
