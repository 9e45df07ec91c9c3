package dev.agentd.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals values at rest with AES-GCM (a fresh 12-byte IV each time, a 128-bit tag): the key is kept
 * apart from the rows it protects, in a setting or in a file of its own, never in the database.
 */
public final class SecretBox {
    private static final int IV_BYTES = 12;
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKey key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The box with the key {@code base64} (AGENTD_SECRETS_KEY, 32 bytes), or else the key in
     * {@code file}, made once with owner-only access.
     *
     * @throws IllegalArgumentException when the given key is not 32 bytes of base64
     */
    public static SecretBox open(String base64, Path file) {
        if (base64 != null) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(
                        "AGENTD_SECRETS_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
            }
            return new SecretBox(key);
        }
        try {
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, Base64.getEncoder().encode(Secrets.random(32)));
            } catch (FileAlreadyExistsException e) {
                // made before: use it
            }
            return open(Files.readString(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the secrets key " + file, e);
        }
    }

    /** {@code values} sealed for {@code owner} (bound to it: they open for no other); null for none. */
    public byte[] seal(Map<String, String> values, String owner) {
        if (values == null || values.isEmpty()) return null;
        try {
            byte[] iv = Secrets.random(IV_BYTES);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(JSON.writeValueAsBytes(values));
            return ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal secrets", e);
        }
    }

    /** What {@link #seal} sealed for {@code owner}; empty for null. */
    public Map<String, String> open(byte[] sealed, String owner) {
        if (sealed == null) return Map.of();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return JSON.readValue(c.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), MAP);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot open sealed secrets (was AGENTD_SECRETS_KEY changed?)", e);
        }
    }
}
