package dev.agentd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects, their keys and their widget apps, managed from the command line while the server runs. */
class ProjectsCommandTest {
    @TempDir
    Path dir;

    @Test
    void projectsKeysAndAppsAreManagedFromTheCommandLine() {
        try (TestServer server = TestServer.start(dir)) {
            assertTrue(server.command("projects", "list").out().contains("default"), "default exists from the start");
            TestServer.Command created = server.command("projects", "create", "shop");
            assertEquals(0, created.code(), created.err());
            assertEquals(1, server.command("projects", "create", "shop").code(), "a name is taken once");
            assertEquals(1, server.command("projects", "create", "Bad Name").code());
            assertTrue(server.command("projects", "list").out().contains("shop"));

            TestServer.Command key = server.command("keys", "create", "--name", "shop-backend", "--project", "shop");
            assertEquals(0, key.code(), key.err());
            Matcher secret = Pattern.compile("key:\\s+(sigmic_[0-9a-f]{64})").matcher(key.out());
            assertTrue(secret.find(), key.out());
            assertTrue(server.command("keys", "list").out().contains("shop"));
            TestServer.Command nowhere = server.command("keys", "create", "--name", "x", "--project", "nowhere");
            assertEquals(1, nowhere.code());
            assertTrue(nowhere.err().contains("no project named nowhere"), nowhere.err());

            ApiClient shopKey = server.as(secret.group(1));
            String shopTask = shopKey.newTask("What is 2+2?");
            assertEquals(404, server.get("/api/v1/tasks/" + shopTask).status(), "another project's key sees nothing");
            assertEquals(200, shopKey.get("/api/v1/tasks/" + shopTask).status());

            TestServer.Command app = server.command(
                    "apps",
                    "create",
                    "--project",
                    "shop",
                    "--name",
                    "storefront",
                    "--origin",
                    "https://shop.example",
                    "--origin",
                    "https://www.shop.example");
            assertEquals(0, app.code(), app.err());
            Matcher appId = Pattern.compile("(?m)^appId: (app_[0-9a-f]{24})$").matcher(app.out());
            assertTrue(appId.find(), app.out());
            assertTrue(Pattern.compile("(?m)^appSecret: appsecret_[0-9a-f]{64}$")
                    .matcher(app.out())
                    .find());
            String list = server.command("apps", "list").out();
            assertTrue(list.contains(appId.group(1)) && list.contains("https://www.shop.example"), list);
            assertEquals(
                    1,
                    server.command("apps", "create", "--project", "shop", "--name", "x", "--origin", "ftp://x")
                            .code());
            assertEquals(
                    0,
                    server.command("apps", "origins", appId.group(1), "--remove", "https://shop.example")
                            .code());
            assertTrue(!server.command("apps", "list").out().contains("https://shop.example "));
            assertEquals(0, server.command("apps", "revoke", appId.group(1)).code());
            assertTrue(server.command("apps", "list").out().contains("revoked"));
            assertEquals(1, server.command("apps", "revoke", appId.group(1)).code(), "revoked once");
        }
    }
}
