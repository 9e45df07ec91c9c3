package dev.agentd.support;

import dev.agentd.App;
import dev.agentd.auth.ApiKeys;
import dev.agentd.config.ConfigLoader;
import dev.agentd.store.Store;
import dev.agentd.store.sqlite.SqliteStore;
import dev.agentd.workspace.Workspaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The production app on port 0 over a data dir of the test's, with a real HTTP client. */
public final class TestServer extends ApiClient {
    private final App app;
    private final Path dataDir;
    private final String startupOutput;

    private TestServer(App app, Path dataDir, String startupOutput) {
        super(app.port());
        this.app = app;
        this.dataDir = dataDir;
        this.startupOutput = startupOutput;
    }

    /** Starts on {@code dataDir} with AGENTD_API_KEY set to {@link #KEY}, plus {@code env} (null values unset). */
    public static TestServer start(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("AGENTD_PORT", "0");
        all.put("AGENTD_DATA_DIR", dataDir.toString());
        all.put("AGENTD_API_KEY", KEY);
        all.put("AGENTD_BUILTIN_DELAY_MS", "0"); // instant unless the test paces the model itself
        all.putAll(env);
        all.values().removeIf(v -> v == null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        App app = App.start(ConfigLoader.load(all, new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(app, dataDir, out.toString(StandardCharsets.UTF_8));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Creates another API key in the server's database, as {@code keys create} would, and returns it. */
    public String createKey(String name) {
        try (Store store = SqliteStore.open(dataDir.resolve("agentd.db"))) {
            return new ApiKeys(store.keys()).create(name).secret();
        }
    }

    /** Where the workspace of task {@code id} lies. */
    public Path workspace(String id) {
        return dataDir.resolve("workspaces").resolve(Workspaces.layout(id));
    }

    public Path dataDir() {
        return dataDir;
    }

    public String startupOutput() {
        return startupOutput;
    }

    @Override
    public void close() {
        app.close();
        super.close();
    }
}
