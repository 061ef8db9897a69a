package com.aftersales.shared.storage;

import com.aftersales.AftersalesConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dev and test stand-in for S3 with the same contract: the bytes go to a folder, through URLs signed with an
 * HMAC and an expiry (served by {@link LocalObjectStoreResource}), exactly as a client would use S3's.
 */
@ApplicationScoped
@IfBuildProperty(name = "aftersales.attachments.store", stringValue = "local")
public class LocalObjectStore implements ObjectStore {

    static final String PATH = "/api/v1/attachment-store/";

    @Inject
    AftersalesConfig config;

    // Signed URLs expire by the business clock, as the attachment rows are stamped by it.
    @Inject
    Clock clock;

    private volatile byte[] key;

    @Override
    public SignedUrl uploadUrl(String objectKey, String contentType, long sizeBytes, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        return new SignedUrl("PUT", url("PUT", objectKey, expires, contentType + "|" + sizeBytes),
                Map.of("Content-Type", contentType), expires.atOffset(ZoneOffset.UTC));
    }

    @Override
    public SignedUrl downloadUrl(String objectKey, String fileName, String contentType, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        return new SignedUrl("GET", url("GET", objectKey, expires, contentType + "|" + fileName), Map.of(),
                expires.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Optional<Long> size(String objectKey) {
        Path file = file(objectKey);
        try {
            return Files.exists(file) ? Optional.of(Files.size(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void copy(String fromKey, String toKey) {
        try (InputStream in = Files.newInputStream(file(fromKey))) {
            write(toKey, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String objectKey) {
        try {
            Files.deleteIfExists(file(objectKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of the prefix and everything in it (a local folder keeps no older versions). */
    @Override
    public int deleteAll(String prefix) {
        if (prefix == null || prefix.isBlank() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("deleteAll takes a folder prefix ending in /, not " + prefix);
        }
        Path folder = file(prefix);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.walk(folder)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            int deleted = 0;
            for (Path p : all) {
                if (Files.isRegularFile(p)) {
                    deleted++;
                }
                Files.deleteIfExists(p);
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The grant a signed URL carries, if its signature is right and it has not expired. */
    record Grant(String method, String objectKey, Instant expires, String detail) {
    }

    Optional<Grant> verify(String method, String token, String signature) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = payload.split("\n", 4);
            if (parts.length != 4 || !parts[0].equals(method)
                    || !MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            return expires.isBefore(clock.instant()) ? Optional.empty() : Optional.of(new Grant(parts[0], parts[1], expires, parts[3]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(String objectKey, InputStream in) throws IOException {
        Path file = file(objectKey);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "upload", ".part");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path file(String objectKey) {
        Path root = Path.of(config.attachments().localDir()).toAbsolutePath().normalize();
        Path file = root.resolve(objectKey).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("Key outside the store");
        }
        return file;
    }

    private String url(String method, String objectKey, Instant expires, String detail) {
        String payload = method + "\n" + objectKey + "\n" + expires.getEpochSecond() + "\n" + detail;
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PATH + token + "?signature=" + sign(payload);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        if (key == null) {
            synchronized (this) {
                if (key == null) {
                    key = config.attachments().signingKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
                        byte[] random = new byte[32];
                        new SecureRandom().nextBytes(random);
                        return random;
                    });
                }
            }
        }
        return key;
    }
}
