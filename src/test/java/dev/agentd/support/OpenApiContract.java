package dev.agentd.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API's description (src/main/resources/openapi.yaml) held against what the server answers:
 * every JSON body a test's {@link ApiClient} receives for a described route must match the schema
 * the description gives for its method and status, or the test fails.
 */
public final class OpenApiContract {
    private static final String BASE = "https://agentd.local/openapi.json";
    private static final JsonNode DOCUMENT = load();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(BASE, DOCUMENT.toString())));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final List<Route> ROUTES = routes();

    private record Route(String template, Pattern pattern, int params) {}

    private OpenApiContract() {}

    /** The description, as the server serves it. */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /**
     * Checks one response. Bodies that are not JSON, and paths the description does not have (no
     * route takes them), are not its business.
     *
     * @throws AssertionError naming the route, the status and what does not match
     */
    public static void check(String method, String path, int status, String contentType, String body) {
        if (contentType == null || !contentType.startsWith("application/json") || body.isEmpty()) return;
        if (method.equals("OPTIONS")) return; // CORS preflights, which the description leaves out
        Route route = ROUTES.stream()
                .filter(r -> r.pattern.matcher(path).matches())
                .findFirst()
                .orElse(null);
        if (route == null) return;
        String where = method + " " + route.template + " → " + status;
        JsonNode operation = DOCUMENT.path("paths").path(route.template).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            if (status == 405) return; // a method no route of the path takes
            throw new AssertionError(where + ": the method is not described in openapi.yaml");
        }
        String pointer = "/paths/" + escape(route.template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/";
        String code = Integer.toString(status);
        JsonNode responses = operation.path("responses");
        if (!responses.has(code)) code = code.charAt(0) + "XX";
        if (!responses.has(code)) code = "default";
        if (!responses.has(code)) throw new AssertionError(where + ": the status is not described; body " + body);
        pointer += code;
        JsonNode response = responses.get(code);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = DOCUMENT.at(pointer);
        }
        if (!response.path("content").has("application/json"))
            throw new AssertionError(where + ": no JSON body is described, but one came: " + body);
        Schema schema = COMPILED.computeIfAbsent(
                pointer + "/content/application~1json/schema",
                p -> SCHEMAS.getSchema("{\"$ref\": \"" + BASE + "#" + p + "\"}"));
        List<Error> errors;
        try {
            errors = schema.validate(new ObjectMapper().readTree(body));
        } catch (IOException e) {
            throw new AssertionError(where + ": the body is not JSON: " + body, e);
        }
        if (!errors.isEmpty())
            throw new AssertionError(where + ": the body does not match openapi.yaml: " + errors + "\n" + body);
    }

    /**
     * Checks one frame of a stream: its event must be one the description names, and its data
     * must match that event's schema.
     *
     * @throws AssertionError naming the event and what does not match
     */
    public static void checkEvent(String event, String data) {
        JsonNode events = DOCUMENT.at(
                "/paths/~1api~1v1~1tasks~1{id}~1stream/get/responses/200/content/text~1event-stream/x-agentd-events");
        JsonNode described = events.get(event);
        if (described == null)
            throw new AssertionError("the stream sent " + event + ", which openapi.yaml does not name");
        Schema schema = COMPILED.computeIfAbsent(
                described.get("$ref").asText(), ref -> SCHEMAS.getSchema("{\"$ref\": \"" + BASE + ref + "\"}"));
        List<Error> errors;
        try {
            errors = schema.validate(new ObjectMapper().readTree(data));
        } catch (IOException e) {
            throw new AssertionError("event " + event + ": the data is not JSON: " + data, e);
        }
        if (!errors.isEmpty())
            throw new AssertionError("event " + event + " does not match openapi.yaml: " + errors + "\n" + data);
    }

    /** Every operation described, as {@code METHOD /path/{param}}. */
    public static List<String> operations() {
        List<String> all = new ArrayList<>();
        DOCUMENT.path("paths")
                .properties()
                .forEach(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                    if (List.of("get", "put", "post", "delete", "patch").contains(m))
                        all.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }));
        return all;
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        DOCUMENT.path("paths").fieldNames().forEachRemaining(t -> {
            String regex = Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(t, Pattern.compile(regex), t.split("\\{").length - 1));
        });
        routes.sort(Comparator.comparingInt(Route::params));
        return routes;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
