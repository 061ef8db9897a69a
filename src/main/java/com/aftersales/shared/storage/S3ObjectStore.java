package com.aftersales.shared.storage;

import com.aftersales.AftersalesConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attachments in S3: pre-signed PUT and GET URLs; the API role needs s3:PutObject/GetObject on {@code cases/*} and
 * s3:DeleteObject on the upload keys ({@code cases/*.upload}), the jobs role s3:DeleteObject on the upload keys.
 */
@ApplicationScoped
@IfBuildProperty(name = "aftersales.attachments.store", stringValue = "s3")
public class S3ObjectStore implements ObjectStore {

    @Inject
    AftersalesConfig config;

    private volatile S3Client client;
    private volatile S3Presigner presigner;

    private String bucket() {
        return config.attachments().bucket().orElseThrow(() -> new IllegalStateException("aftersales.attachments.bucket is not set"));
    }

    private S3Client client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
                    config.attachments().s3Endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
                    client = builder.build();
                }
            }
        }
        return client;
    }

    private S3Presigner presigner() {
        if (presigner == null) {
            synchronized (this) {
                if (presigner == null) {
                    var builder = S3Presigner.builder();
                    config.attachments().s3Endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
                    presigner = builder.build();
                }
            }
        }
        return presigner;
    }

    @Override
    public SignedUrl uploadUrl(String key, String contentType, long sizeBytes, Duration ttl) {
        var signed = presigner().presignPutObject(b -> b.signatureDuration(ttl).putObjectRequest(
                PutObjectRequest.builder().bucket(bucket()).key(key).contentType(contentType).contentLength(sizeBytes).build()));
        return new SignedUrl("PUT", signed.url().toString(), Map.of("Content-Type", contentType),
                signed.expiration().atOffset(ZoneOffset.UTC));
    }

    @Override
    public SignedUrl downloadUrl(String key, String fileName, String contentType, Duration ttl) {
        String disposition = "attachment; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        var signed = presigner().presignGetObject(b -> b.signatureDuration(ttl).getObjectRequest(
                GetObjectRequest.builder().bucket(bucket()).key(key).responseContentDisposition(disposition)
                        .responseContentType(contentType).build()));
        return new SignedUrl("GET", signed.url().toString(), Map.of(), signed.expiration().atOffset(ZoneOffset.UTC));
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(client().headObject(HeadObjectRequest.builder().bucket(bucket()).key(key).build()).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (e.getMessage() != null && e.getMessage().contains("404")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void copy(String fromKey, String toKey) {
        client().copyObject(CopyObjectRequest.builder().sourceBucket(bucket()).sourceKey(fromKey)
                .destinationBucket(bucket()).destinationKey(toKey).build());
    }

    /** In the versioned bucket this leaves a delete marker; the older version expires by the bucket's lifecycle rule. */
    @Override
    public void delete(String key) {
        client().deleteObject(DeleteObjectRequest.builder().bucket(bucket()).key(key).build());
    }

    /**
     * Every version and delete marker under the prefix, a page (up to 1000) at a time: ListObjectVersions, then one
     * DeleteObjects per page naming each version id. The jobs and API roles need s3:ListBucketVersions on the bucket
     * and s3:DeleteObjectVersion on {@code cases/*}.
     */
    @Override
    public int deleteAll(String prefix) {
        return deleteAll(client(), bucket(), prefix);
    }

    static int deleteAll(S3Client client, String bucket, String prefix) {
        if (prefix == null || prefix.isBlank() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("deleteAll takes a folder prefix ending in /, not " + prefix);
        }
        int deleted = 0;
        String keyMarker = null;
        String versionMarker = null;
        while (true) {
            ListObjectVersionsResponse page = client.listObjectVersions(ListObjectVersionsRequest.builder()
                    .bucket(bucket).prefix(prefix).keyMarker(keyMarker).versionIdMarker(versionMarker).build());
            List<ObjectIdentifier> ids = new ArrayList<>();
            page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            if (!ids.isEmpty()) {
                DeleteObjectsResponse response = client.deleteObjects(DeleteObjectsRequest.builder().bucket(bucket)
                        .delete(Delete.builder().objects(ids).quiet(true).build()).build());
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    throw new IllegalStateException("S3 refused to delete " + response.errors().size() + " object version(s) under "
                            + prefix + ": " + response.errors().get(0).code());
                }
                deleted += ids.size();
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return deleted;
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
        if (presigner != null) {
            presigner.close();
        }
    }
}
