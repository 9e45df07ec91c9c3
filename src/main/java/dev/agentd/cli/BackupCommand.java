package dev.agentd.cli;

import dev.agentd.DataDir;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigLoader;
import dev.agentd.workspace.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code backup DIR}: a consistent copy of the database taken while the server runs (SQLite's
 * VACUUM INTO), then the workspaces and the secrets key. {@code restore DIR}: puts such a copy in a
 * data dir that no server holds and that has no database yet.
 */
final class BackupCommand {
    static final String USAGE = "agentd backup DIR | restore DIR   [--data-dir DIR]";
    static final String DATABASE = "agentd.db";
    private static final List<String> ALONGSIDE = List.of("secrets.key");

    private final Admin admin;
    private final boolean restore;

    BackupCommand(Admin admin, boolean restore) {
        this.admin = admin;
        this.restore = restore;
    }

    int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.contains("--help") || rest.contains("-h")) return admin.usage(USAGE, 0);
        Optional<String> target = Admin.operand(rest);
        if (target.isEmpty()) return admin.usage(USAGE, 2);
        Path dir = Path.of(target.get());
        if (config(rest).database().postgres()) {
            admin.err()
                    .println("agentd: " + (restore ? "restore" : "backup")
                            + " handles a SQLite data dir; with AGENTD_DATABASE_URL, use pg_dump and pg_restore for"
                            + " the database, and copy AGENTD_WORKSPACES_DIR beside it");
            return 1;
        }
        return restore ? restore(dir, rest) : backup(dir, rest);
    }

    private int backup(Path dir, List<String> rest) {
        if (Files.exists(dir) && !empty(dir)) {
            admin.err().println("agentd: " + dir + " exists and is not empty; back up into a new folder");
            return 1;
        }
        return admin.withStore(rest, store -> {
            Config config = config(rest);
            Path data = config.dataDir();
            try {
                Files.createDirectories(dir);
                store.backupTo(dir.resolve(DATABASE).toAbsolutePath());
                long files = copyTree(config.workspacesDir(), dir.resolve("workspaces"));
                for (String name : ALONGSIDE) copyPrivate(data.resolve(name), dir.resolve(name));
                admin.out()
                        .println("backup: " + dir.toAbsolutePath().normalize() + " (the database, " + files
                                + " workspace files)");
                return 0;
            } catch (IOException e) {
                admin.err().println("agentd: the backup failed: " + e.getMessage());
                return 1;
            }
        });
    }

    private int restore(Path dir, List<String> rest) {
        if (!Files.isRegularFile(dir.resolve(DATABASE))) {
            admin.err().println("agentd: " + dir + " holds no " + DATABASE + "; name a folder that backup made");
            return 1;
        }
        Config config = config(rest);
        Path data = config.dataDir();
        try (DataDir held = DataDir.open(data)) {
            if (Files.exists(data.resolve(DATABASE))) {
                admin.err()
                        .println("agentd: " + data.toAbsolutePath().normalize()
                                + " has a database already; restore into a new data dir");
                return 1;
            }
            Files.copy(dir.resolve(DATABASE), data.resolve(DATABASE));
            long files = copyTree(dir.resolve("workspaces"), config.workspacesDir());
            for (String name : ALONGSIDE) copyPrivate(dir.resolve(name), data.resolve(name));
            admin.out()
                    .println("restored into " + data.toAbsolutePath().normalize() + " (the database, " + files
                            + " workspace files); start the server there");
            return 0;
        } catch (IOException e) {
            admin.err().println("agentd: the restore failed: " + e.getMessage());
            return 1;
        }
    }

    private Config config(List<String> rest) {
        return ConfigLoader.load(admin.env(), rest.toArray(String[]::new));
    }

    /**
     * Copies a tree of workspaces as it is (links as links, never followed), without the uploads being
     * staged; the number of files copied.
     */
    private static long copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) return 0;
        long[] files = {0};
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (from.relativize(p).startsWith(Workspaces.STAGING)) continue;
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                    files[0]++;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files[0];
    }

    private static void copyPrivate(Path from, Path to) throws IOException {
        if (!Files.exists(from)) return;
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
    }

    private static boolean empty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
