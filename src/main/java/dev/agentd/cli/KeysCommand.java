package dev.agentd.cli;

import dev.agentd.auth.ApiKeys;
import dev.agentd.auth.Projects;
import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Project;
import dev.agentd.domain.Times;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code keys create --name NAME [--project P]}, {@code keys list}, {@code keys revoke ID}. */
final class KeysCommand {
    static final String USAGE =
            "agentd keys create --name NAME [--project P] | keys list | keys revoke ID   [--data-dir DIR]";
    private static final String[] VERBS = {"create", "list", "revoke"};

    private final Admin admin;

    KeysCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        Admin.Words words = admin.words("keys", USAGE, VERBS, args);
        if (words.verb() == null) return words.exit();
        String verb = words.verb();
        List<String> rest = words.rest();
        Optional<String> name = Admin.take(rest, "--name");
        Optional<String> project = Admin.take(rest, "--project");
        Optional<String> id = verb.equals("revoke") ? Admin.operand(rest) : Optional.empty();
        if (verb.equals("revoke") && id.isEmpty()) return usage(2);
        if (verb.equals("create") && name.filter(n -> !n.isBlank()).isEmpty()) {
            admin.err().println("agentd: keys create needs --name NAME");
            return usage(2);
        }
        return admin.withStore(rest, store -> {
            ApiKeys keys = new ApiKeys(store.keys());
            Projects projects = new Projects(store.projects());
            switch (verb) {
                case "create" -> {
                    Project p = projects.named(project.orElse(Project.DEFAULT));
                    ApiKeys.Created created = keys.create(name.get(), p.id());
                    admin.out().println("id:      " + created.key().id());
                    admin.out().println("name:    " + created.key().name());
                    admin.out().println("project: " + p.name());
                    admin.out().println("key:     " + created.secret());
                    admin.out().println("The key is shown only now; store it somewhere safe.");
                }
                case "list" -> {
                    Map<String, String> names =
                            projects.list().stream().collect(Collectors.toMap(Project::id, Project::name));
                    admin.out()
                            .printf("%-36s  %-20s  %-16s  %-24s  %s%n", "ID", "NAME", "PROJECT", "CREATED", "STATUS");
                    for (ApiKey k : keys.list()) {
                        admin.out()
                                .printf(
                                        "%-36s  %-20s  %-16s  %-24s  %s%n",
                                        k.id(),
                                        k.name(),
                                        names.getOrDefault(k.projectId(), k.projectId()),
                                        Times.format(k.createdAt()),
                                        k.usableAt(Times.now()) ? "active" : "revoked");
                    }
                }
                default -> {
                    if (!keys.revoke(id.get())) {
                        admin.err().println("agentd: no active key with id " + id.get());
                        return 1;
                    }
                    admin.out().println("revoked " + id.get());
                }
            }
            return 0;
        });
    }

    private int usage(int code) {
        return admin.usage(USAGE, code);
    }
}
