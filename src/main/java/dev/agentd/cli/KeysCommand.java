package dev.agentd.cli;

import dev.agentd.auth.ApiKeys;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigLoader;
import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Times;
import dev.agentd.store.Store;
import dev.agentd.store.sqlite.SqliteStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code keys create --name NAME}, {@code keys list}, {@code keys revoke ID} against the data dir's
 * database, also while a server runs there. They never make a database: a data dir without one is
 * most likely the wrong one.
 */
final class KeysCommand {
    private static final String USAGE =
            "usage: agentd keys create --name NAME | keys list | keys revoke ID  [--data-dir DIR]";
    private static final String[] VERBS = {"create", "list", "revoke"};

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    KeysCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.isEmpty()) return usage(2);
        if (rest.contains("--help") || rest.contains("-h")) return usage(0);
        String verb = rest.removeFirst();
        if (!Arrays.asList(VERBS).contains(verb)) {
            err.println("agentd: unknown keys command '" + verb + "'" + ConfigLoader.suggestion(verb, VERBS));
            return usage(2);
        }
        String name = take(rest, "--name");
        String id = null;
        if (verb.equals("revoke")) {
            if (rest.isEmpty() || rest.getFirst().startsWith("--")) return usage(2);
            id = rest.removeFirst();
        }
        if (verb.equals("create") && (name == null || name.isBlank())) {
            err.println("agentd: keys create needs --name NAME");
            return usage(2);
        }
        Config config = ConfigLoader.load(env, rest.toArray(String[]::new));
        Path db = config.dataDir().resolve("agentd.db");
        out.println("data dir: " + config.dataDir().toAbsolutePath().normalize());
        if (!Files.exists(db)) {
            err.println("agentd: no database in "
                    + config.dataDir().toAbsolutePath().normalize()
                    + "; start the server there once, or name the right one with --data-dir or AGENTD_DATA_DIR");
            return 1;
        }
        try (Store store = SqliteStore.open(db)) {
            ApiKeys keys = new ApiKeys(store.keys());
            switch (verb) {
                case "create" -> {
                    ApiKeys.Created created = keys.create(name);
                    out.println("id:     " + created.key().id());
                    out.println("name:   " + created.key().name());
                    out.println("key:    " + created.secret());
                    out.println("The key is shown only now; store it somewhere safe.");
                }
                case "list" -> {
                    out.printf("%-36s  %-20s  %-24s  %s%n", "ID", "NAME", "CREATED", "STATUS");
                    for (ApiKey k : keys.list()) {
                        out.printf(
                                "%-36s  %-20s  %-24s  %s%n",
                                k.id(),
                                k.name(),
                                Times.format(k.createdAt()),
                                k.usableAt(Times.now()) ? "active" : "revoked");
                    }
                }
                default -> {
                    if (!keys.revoke(id)) {
                        err.println("agentd: no active key with id " + id);
                        return 1;
                    }
                    out.println("revoked " + id);
                }
            }
        }
        return 0;
    }

    private int usage(int code) {
        (code == 0 ? out : err).println(USAGE);
        return code;
    }

    private static String take(List<String> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(flag + "=")) {
                args.remove(i);
                return a.substring(flag.length() + 1);
            }
            if (a.equals(flag) && i + 1 < args.size()) {
                String v = args.get(i + 1);
                args.remove(i + 1);
                args.remove(i);
                return v;
            }
        }
        return null;
    }
}
