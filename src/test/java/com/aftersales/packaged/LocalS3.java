package com.aftersales.packaged;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;

/**
 * An S3-compatible endpoint on the loopback address without Docker: S3Proxy (Maven Central {@code org.gaul:s3proxy})
 * in the test JVM with its in-memory blob store and one bucket. It checks AWS signatures (V4, as the SDK's presigner
 * writes them) with the same access key the function has, so a PUT to a presigned URL succeeds only if the function
 * signed it for this bucket and key with its credentials, and a changed URL is refused.
 */
final class LocalS3 implements AutoCloseable {

    private final S3Proxy proxy;

    private LocalS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static LocalS3 start(String bucket, String accessKeyId, String secretAccessKey) {
        try {
            TransientNio2BlobStore store = new TransientNio2BlobStore();
            store.createContainer(bucket);
            S3Proxy proxy = S3Proxy.builder().blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V4, accessKeyId, secretAccessKey)
                    // The execution role's session token comes as an x-amz-security-token header (signed with the
                    // others); S3Proxy has no sessions and refuses headers it does not know unless told to let them be.
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return new LocalS3(proxy);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** The endpoint the function's S3 client and presigner are pointed at (path-style requests). */
    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
