package dev.agentd.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads project settings documents, checked against the published schema first. */
public final class SettingsDocument {
    /** Where the schema is on the classpath. */
    public static final String SCHEMA = "/schemas/project-settings.schema.json";

    /** Where the server publishes it. */
    public static final String PUBLISHED = "/schemas/project-settings.json";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private final Schema schema;

    public SettingsDocument() {
        // errors name fields as $.mcpServers.docs.url, as the command line's own checks do
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        this.schema = registry.getSchema(schemaText(), InputFormat.JSON);
    }

    /**
     * The settings {@code text} holds.
     *
     * @throws InvalidSettings naming each field that is wrong, or where the JSON itself is
     */
    public ProjectSettings read(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidSettings(List.of("not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (tree == null || tree.isMissingNode()) throw new InvalidSettings(List.of("$: the document is empty"));
        List<Error> errors = schema.validate(tree);
        if (!errors.isEmpty())
            throw new InvalidSettings(errors.stream().map(Error::toString).toList());
        return json.convertValue(tree, ProjectSettings.class);
    }

    /** A document {@link #read} took, as compact JSON: the form stored. */
    public String compact(String text) {
        try {
            return json.writeValueAsString(json.readTree(text));
        } catch (JsonProcessingException e) {
            throw new InvalidSettings(List.of("not JSON: " + e.getOriginalMessage()));
        }
    }

    public static String schemaText() {
        try (InputStream in = SettingsDocument.class.getResourceAsStream(SCHEMA)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
