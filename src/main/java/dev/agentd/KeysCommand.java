package dev.agentd;

import dev.agentd.auth.ApiKeys;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigLoader;
import dev.agentd.store.ApiKeyDao;
import dev.agentd.store.ApiKeyRow;
import dev.agentd.store.Database;
import dev.agentd.store.Times;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code keys create --name NAME}, {@code keys list}, {@code keys revoke ID} against the data dir's database. */
final class KeysCommand {
    private final PrintStream out;
    private final PrintStream err;

    KeysCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length == 0) return usage();
        String verb = args[0];
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        String name = take(rest, "--name");
        String id = null;
        if (verb.equals("revoke")) {
            if (rest.isEmpty() || rest.getFirst().startsWith("--")) return usage();
            id = rest.removeFirst();
        }
        Config config = ConfigLoader.load(System.getenv(), rest.toArray(String[]::new));
        try {
            Files.createDirectories(config.dataDir());
        } catch (java.io.IOException e) {
            err.println("agentd: cannot create " + config.dataDir() + ": " + e.getMessage());
            return 1;
        }
        try (Database db = Database.open(config.dataDir().resolve("agentd.db"))) {
            ApiKeys keys = new ApiKeys(db.dao(ApiKeyDao.class));
            switch (verb) {
                case "create" -> {
                    if (name == null || name.isBlank()) return usage();
                    ApiKeys.Created created = keys.create(name);
                    out.println("id:     " + created.row().id());
                    out.println("name:   " + created.row().name());
                    out.println("key:    " + created.secret());
                    out.println("The key is shown only now; store it somewhere safe.");
                }
                case "list" -> {
                    out.printf("%-36s  %-20s  %-24s  %s%n", "ID", "NAME", "CREATED", "STATUS");
                    for (ApiKeyRow k : keys.list()) {
                        out.printf("%-36s  %-20s  %-24s  %s%n", k.id(), k.name(), Times.format(k.createdAt()),
                                k.usableAt(Times.now()) ? "active" : "revoked");
                    }
                }
                case "revoke" -> {
                    if (!keys.revoke(id)) {
                        err.println("agentd: no active key with id " + id);
                        return 1;
                    }
                    out.println("revoked " + id);
                }
                default -> {
                    return usage();
                }
            }
        }
        return 0;
    }

    private int usage() {
        err.println("usage: agentd keys create --name NAME | keys list | keys revoke ID  [--data-dir DIR]");
        return 2;
    }

    private static String take(List<String> args, String flag) {
        int i = args.indexOf(flag);
        if (i < 0 || i + 1 >= args.size()) return null;
        String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }
}
