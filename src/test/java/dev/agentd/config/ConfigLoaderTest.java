package dev.agentd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    @Test
    void defaultsAreThoseOfTheSpec() {
        Config c = ConfigLoader.load(Map.of(), new String[0]);
        assertEquals("localhost", c.host());
        assertEquals(8080, c.port());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals("builtin", c.model());
        assertEquals(Duration.ofMinutes(30), c.sessionIdleTimeout());
        assertEquals(Duration.ofSeconds(15), c.heartbeat());
        assertEquals(50, c.maxSteps());
        assertEquals(64, c.maxConcurrentRuns());
        assertEquals(20, c.maxFiles());
        assertEquals(50L * 1024 * 1024, c.maxFileSize());
        assertEquals(10_000, c.zipMaxEntries());
        assertEquals(1L << 30, c.zipMaxBytes());
        assertEquals("auto", c.sandbox());
        assertEquals(Duration.ofSeconds(10), c.shutdownGrace());
        assertEquals("https://api.openai.com/v1", c.openaiBaseUrl());
        assertEquals(300, c.builtinFirstDelayMs(), "the built-in model paces itself like a hosted one");
        assertEquals(25, c.builtinDelayMs());
        assertEquals(48, c.maxConcurrentRunsPerKey());
    }

    @Test
    void anInstantBuiltInModelIsInstantFromItsFirstWord() {
        Config c = ConfigLoader.load(Map.of("AGENTD_BUILTIN_DELAY_MS", "0"), new String[0]);
        assertEquals(0, c.builtinFirstDelayMs());
        assertEquals(0, c.builtinDelayMs());
    }

    @Test
    void unknownOptionsAndVariablesAreRefusedWithTheClosestName() {
        ConfigException flag = assertThrows(
                ConfigException.class, () -> ConfigLoader.load(Map.of(), new String[] {"--max-file", "3"}));
        assertTrue(flag.getMessage().contains("did you mean --max-files?"), flag.getMessage());
        ConfigException env = assertThrows(
                ConfigException.class, () -> ConfigLoader.load(Map.of("AGENTD_HEARTBAET", "1s"), new String[0]));
        assertTrue(env.getMessage().contains("did you mean AGENTD_HEARTBEAT?"), env.getMessage());
    }

    @Test
    void durationsAndSizesTakeTheirSuffixes() {
        assertEquals(Duration.ofMillis(200), ConfigLoader.duration("200ms"));
        assertEquals(Duration.ofSeconds(15), ConfigLoader.duration("15s"));
        assertEquals(Duration.ofMinutes(30), ConfigLoader.duration("30m"));
        assertEquals(Duration.ofHours(2), ConfigLoader.duration("2h"));
        assertEquals(512, ConfigLoader.size("512"));
        assertEquals(64 * 1024, ConfigLoader.size("64KB"));
        assertEquals(50L * 1024 * 1024, ConfigLoader.size("50MB"));
        assertEquals(1L << 30, ConfigLoader.size("1GB"));
    }

    @Test
    void flagsInKebabCaseOverrideTheEnvironment() {
        Config c = ConfigLoader.load(
                Map.of("AGENTD_PORT", "9000", "AGENTD_MAX_FILES", "3"),
                new String[] {"--port", "0", "--max-files=7", "--data-dir", "/tmp/x"});
        assertEquals(0, c.port());
        assertEquals(7, c.maxFiles());
        assertEquals(Path.of("/tmp/x"), c.dataDir());
    }

    @Test
    void aBadValueStopsWithAMessageNamingTheVariable() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigLoader.load(Map.of("AGENTD_HEARTBEAT", "soon"), new String[0]));
        assertTrue(e.getMessage().startsWith("AGENTD_HEARTBEAT"), e.getMessage());
        assertTrue(e.getMessage().contains("15s"), "says what a valid value looks like: " + e.getMessage());
        e = assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(Map.of("AGENTD_MAX_FILE_SIZE", "50 megs"), new String[0]));
        assertTrue(e.getMessage().startsWith("AGENTD_MAX_FILE_SIZE"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), new String[] {"--port", "70000"}));
        assertTrue(e.getMessage().startsWith("AGENTD_PORT"), e.getMessage());
        e = assertThrows(
                ConfigException.class, () -> ConfigLoader.load(Map.of("AGENTD_SANDBOX", "docker"), new String[0]));
        assertTrue(e.getMessage().contains("auto, bwrap, none"), e.getMessage());
    }

    @Test
    void theConfigNeverPrintsItsKeys() {
        Config c = ConfigLoader.load(
                Map.of("OPENAI_API_KEY", "sk-verysecret", "AGENTD_API_KEY", "sigmic_" + "a".repeat(64)), new String[0]);
        assertTrue(!c.toString().contains("sk-verysecret") && !c.toString().contains("sigmic_"), c.toString());
    }
}
