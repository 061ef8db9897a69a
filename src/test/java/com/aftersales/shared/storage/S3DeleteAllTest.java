package com.aftersales.shared.storage;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The purge's S3 side, offline: a versioned bucket answers ListObjectVersions in two pages (versions and delete markers)
 * on the loopback address, and the store must name every version id in its DeleteObjects calls, page by page. A plain
 * DeleteObject (what {@link ObjectStore#delete} does) would only add a delete marker and leave the bytes.
 */
class S3DeleteAllTest {

    static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    HttpServer server;
    S3Client client;
    final List<String> lists = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();

    static String version(String element, String key, String id) {
        return "<" + element + "><Key>" + key + "</Key><VersionId>" + id + "</VersionId><IsLatest>false</IsLatest>"
                + "<LastModified>2026-01-01T00:00:00.000Z</LastModified>"
                + (element.equals("Version") ? "<ETag>\"x\"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass>" : "")
                + "</" + element + ">";
    }

    @BeforeEach
    void bucket() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            if ("GET".equals(exchange.getRequestMethod()) && query.contains("versions")) {
                synchronized (lists) {
                    lists.add(query);
                }
                boolean second = query.contains("key-marker=cases/c1/a");
                answer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListVersionsResult " + NS + "><Name>b</Name>"
                        + "<Prefix>cases/c1/</Prefix><MaxKeys>1000</MaxKeys>"
                        + (second ? "<IsTruncated>false</IsTruncated>" + version("Version", "cases/c1/b", "v3")
                                : "<IsTruncated>true</IsTruncated><NextKeyMarker>cases/c1/a</NextKeyMarker>"
                                + "<NextVersionIdMarker>v2</NextVersionIdMarker>" + version("Version", "cases/c1/a", "v1")
                                + version("Version", "cases/c1/a", "v2") + version("DeleteMarker", "cases/c1/b", "m1"))
                        + "</ListVersionsResult>";
            } else if ("POST".equals(exchange.getRequestMethod()) && query.contains("delete")) {
                Matcher m = Pattern.compile("<Key>([^<]*)</Key>\\s*<VersionId>([^<]*)</VersionId>").matcher(body);
                synchronized (deleted) {
                    while (m.find()) {
                        deleted.add(m.group(1) + "@" + m.group(2));
                    }
                }
                answer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult " + NS + "></DeleteResult>";
            } else {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).forcePathStyle(true).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void everyVersionAndDeleteMarkerUnderThePrefixIsDeletedPageByPage() {
        assertThat(S3ObjectStore.deleteAll(client, "b", "cases/c1/")).isEqualTo(4);
        assertThat(deleted).containsExactlyInAnyOrder("cases/c1/a@v1", "cases/c1/a@v2", "cases/c1/b@m1", "cases/c1/b@v3");
        assertThat(lists).hasSize(2);
        assertThat(lists.get(0)).contains("prefix=cases/c1/");
        assertThat(lists.get(1)).contains("key-marker=cases/c1/a").contains("version-id-marker=v2");
    }

    @Test
    void onlyAFolderPrefixIsTaken() {
        assertThatThrownBy(() -> S3ObjectStore.deleteAll(client, "b", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ObjectStore.deleteAll(client, "b", "cases/c1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(lists).isEmpty();
    }
}
