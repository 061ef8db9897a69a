package com.aftersales.shared.devdb;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A throw-away RSA key pair, made once per JVM, that verifies (and in dev/test signs) JWTs.
 * No key is ever stored in the repository; prod verifies against the identity provider's JWKS.
 */
record DevKeys(String publicKeyPem, String privateKeyPem) {

    private static final String PUBLIC = "aftersales.devkeys.public";
    private static final String PRIVATE = "aftersales.devkeys.private";

    static DevKeys obtain() {
        synchronized (System.class) {
            String pub = System.getProperty(PUBLIC);
            if (pub == null) {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    pub = pem("PUBLIC KEY", pair.getPublic().getEncoded());
                    System.setProperty(PUBLIC, pub);
                    System.setProperty(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new DevKeys(pub, System.getProperty(PRIVATE));
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----";
    }
}
