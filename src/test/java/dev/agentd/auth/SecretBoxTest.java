package dev.agentd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    private static final Map<String, String> VALUES = Map.of("ORDER_API_TOKEN", "s3cr3t-value");

    @Test
    void sealedValuesOpenForTheirOwnerOnly() {
        SecretBox box = SecretBox.open(null, dir.resolve("secrets.key"));
        byte[] sealed = box.seal(VALUES, "grant-a");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("s3cr3t"), "nothing readable is kept");
        assertEquals(VALUES, box.open(sealed, "grant-a"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "grant-b"), "moved to another grant");
    }

    @Test
    void theKeyFileIsMadeOnceForItsOwnerAndAnotherKeyOpensNothing() throws Exception {
        Path file = dir.resolve("secrets.key");
        byte[] sealed = SecretBox.open(null, file).seal(VALUES, "g");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(VALUES, SecretBox.open(null, file).open(sealed, "g"), "the same file, the same key");

        String other = Base64.getEncoder().encodeToString(new byte[32]);
        assertThrows(
                IllegalStateException.class, () -> SecretBox.open(other, file).open(sealed, "g"));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.open("c2hvcnQ=", file));
    }
}
