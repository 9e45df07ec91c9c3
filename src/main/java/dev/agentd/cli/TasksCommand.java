package dev.agentd.cli;

import dev.agentd.config.ConfigLoader;
import dev.agentd.domain.Task;
import dev.agentd.store.Store;
import dev.agentd.tasks.Retention;
import dev.agentd.workspace.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code tasks purge ID}: a finished task deleted for good; {@code tasks disk}: the workspaces by size. */
final class TasksCommand {
    static final String USAGE = "agentd tasks purge ID | tasks disk [--top N]   [--data-dir DIR]";
    private static final String[] VERBS = {"purge", "disk"};

    private final Admin admin;

    TasksCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        Admin.Words words = admin.words("tasks", USAGE, VERBS, args);
        if (words.verb() == null) return words.exit();
        List<String> rest = words.rest();
        boolean purge = words.verb().equals("purge");
        Optional<String> id = purge ? Admin.operand(rest) : Optional.empty();
        if (purge && id.isEmpty()) return admin.usage(USAGE, 2);
        int shown = purge ? 0 : admin.count(rest, "--top", 20);
        if (shown < 0) return 2;
        Path root = ConfigLoader.load(admin.env(), rest.toArray(String[]::new)).workspacesDir();
        if (purge) return admin.withStore(rest, store -> purge(store, new Workspaces(root), id.get()));
        return admin.withStore(rest, store -> disk(new Workspaces(root), root, shown));
    }

    private int purge(Store store, Workspaces workspaces, String id) {
        Optional<Task> task = store.tasks().find(id);
        if (task.isEmpty()) {
            admin.err().println("agentd: no task " + id);
            return 1;
        }
        if (task.get().status().busy()) {
            admin.err()
                    .println("agentd: task " + id + " is " + task.get().status().wire()
                            + "; cancel it first (DELETE /api/v1/tasks/" + id + ")");
            return 1;
        }
        Retention.purge(store, workspaces, id);
        admin.out().println("deleted task " + id + " (its events, messages, runs and workspace)");
        return 0;
    }

    /** The largest workspaces, by the bytes of their files. */
    private int disk(Workspaces workspaces, Path root, int top) {
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        // workspaces lie three levels down (Workspaces.layout): aa/bb/<task id>
        try (Stream<Path> all = Files.walk(root, 3)) {
            for (Path t : all.filter(p -> root.relativize(p).getNameCount() == 3
                            && !root.relativize(p).startsWith(Workspaces.STAGING)
                            && Files.isDirectory(p))
                    .toList()) {
                String id = t.getFileName().toString();
                sizes.add(Map.entry(id, workspaces.of(id).used()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sizes.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        admin.out().printf("%-36s  %14s%n", "TASK", "WORKSPACE BYTES");
        sizes.stream().limit(top).forEach(e -> admin.out().printf("%-36s  %14d%n", e.getKey(), e.getValue()));
        admin.out()
                .printf(
                        "%d workspaces, %d bytes in all%n",
                        sizes.size(),
                        sizes.stream().mapToLong(Map.Entry::getValue).sum());
        return 0;
    }
}
