package dev.agentd.cli;

import dev.agentd.auth.Projects;
import dev.agentd.auth.WidgetApps;
import dev.agentd.domain.Project;
import dev.agentd.domain.WidgetApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code apps create --project P --name N --origin O…}, {@code apps list}, {@code apps revoke APPID},
 * {@code apps origins APPID --add|--remove ORIGIN}.
 */
final class AppsCommand {
    static final String USAGE = "agentd apps create --project P --name N --origin https://shop.example [--origin …]"
            + " | apps list | apps revoke APPID | apps origins APPID --add|--remove ORIGIN   [--data-dir DIR]";
    private static final String[] VERBS = {"create", "list", "revoke", "origins"};

    private final Admin admin;

    AppsCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        Admin.Words words = admin.words("apps", USAGE, VERBS, args);
        if (words.verb() == null) return words.exit();
        String verb = words.verb();
        List<String> rest = words.rest();
        return switch (verb) {
            case "create" -> create(rest);
            case "list" ->
                admin.withStore(rest, store -> list(new WidgetApps(store.apps()), new Projects(store.projects())));
            case "revoke" -> {
                Optional<String> id = Admin.operand(rest);
                if (id.isEmpty()) yield usage(2);
                yield admin.withStore(rest, store -> {
                    if (!new WidgetApps(store.apps()).revoke(id.get())) {
                        admin.err().println("agentd: no active app with id " + id.get());
                        return 1;
                    }
                    admin.out().println("revoked " + id.get() + "; its tokens are refused from now on");
                    return 0;
                });
            }
            default -> origins(rest);
        };
    }

    private int create(List<String> rest) {
        Optional<String> project = Admin.take(rest, "--project");
        Optional<String> name = Admin.take(rest, "--name");
        List<String> origins = new ArrayList<>();
        for (Optional<String> o = Admin.take(rest, "--origin"); o.isPresent(); o = Admin.take(rest, "--origin")) {
            origins.add(o.get());
        }
        if (project.isEmpty() || name.filter(n -> !n.isBlank()).isEmpty()) {
            admin.err().println("agentd: apps create needs --project P and --name N");
            return usage(2);
        }
        return admin.withStore(rest, store -> {
            Project p = new Projects(store.projects()).named(project.get());
            WidgetApps.Created created = new WidgetApps(store.apps()).create(p.id(), name.get(), origins);
            admin.out().println("appId: " + created.app().id());
            admin.out().println("appSecret: " + created.secret());
            admin.out().println("origins: " + String.join(" ", created.app().origins()));
            admin.out().println("The secret is shown only now; keep it on your backend, never in a page.");
            return 0;
        });
    }

    private int origins(List<String> rest) {
        Optional<String> id = Admin.operand(rest);
        Optional<String> add = Admin.take(rest, "--add");
        Optional<String> remove = Admin.take(rest, "--remove");
        if (id.isEmpty() || add.isPresent() == remove.isPresent()) {
            admin.err().println("agentd: apps origins needs APPID and one of --add ORIGIN or --remove ORIGIN");
            return usage(2);
        }
        return admin.withStore(rest, store -> {
            WidgetApps apps = new WidgetApps(store.apps());
            boolean changed = add.isPresent() ? apps.allow(id.get(), add.get()) : apps.disallow(id.get(), remove.get());
            if (!changed) {
                admin.err()
                        .println(
                                add.isPresent()
                                        ? "agentd: no app with id " + id.get()
                                        : "agentd: app " + id.get() + " does not allow " + remove.get());
                return 1;
            }
            WidgetApp app = apps.active(id.get()).orElse(null);
            admin.out().println("origins: " + (app == null ? "" : String.join(" ", app.origins())));
            return 0;
        });
    }

    private int list(WidgetApps apps, Projects projects) {
        Map<String, String> names = projects.list().stream().collect(Collectors.toMap(Project::id, Project::name));
        admin.out().printf("%-28s  %-20s  %-16s  %-8s  %s%n", "APP ID", "NAME", "PROJECT", "STATUS", "ORIGINS");
        for (WidgetApp a : apps.list()) {
            admin.out()
                    .printf(
                            "%-28s  %-20s  %-16s  %-8s  %s%n",
                            a.id(),
                            a.name(),
                            names.getOrDefault(a.projectId(), a.projectId()),
                            a.active() ? "active" : "revoked",
                            String.join(" ", a.origins()));
        }
        return 0;
    }

    private int usage(int code) {
        return admin.usage(USAGE, code);
    }
}
