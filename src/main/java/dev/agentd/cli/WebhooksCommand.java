package dev.agentd.cli;

import dev.agentd.store.WebhookStore;
import java.util.List;
import java.util.Optional;

/** {@code webhooks list [--task ID]}: the latest deliveries; {@code webhooks show ID}: a delivery's attempts. */
final class WebhooksCommand {
    static final String USAGE =
            "agentd webhooks list [--task ID] [--limit N] | webhooks show DELIVERY_ID   [--data-dir DIR]";
    private static final String[] VERBS = {"list", "show"};

    private final Admin admin;

    WebhooksCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        Admin.Words words = admin.words("webhooks", USAGE, VERBS, args);
        if (words.verb() == null) return words.exit();
        List<String> rest = words.rest();
        if (words.verb().equals("show")) {
            Optional<String> id = Admin.operand(rest);
            if (id.isEmpty()) return admin.usage(USAGE, 2);
            return admin.withStore(rest, store -> show(store.webhooks(), id.get()));
        }
        Optional<String> task = Admin.take(rest, "--task");
        int shown = admin.count(rest, "--limit", 50);
        if (shown < 1) return 2;
        return admin.withStore(rest, store -> list(store.webhooks(), task.orElse(null), shown));
    }

    private int list(WebhookStore webhooks, String task, int limit) {
        admin.out()
                .printf(
                        "%-36s  %-36s  %-22s  %-9s  %8s  %-24s%n",
                        "ID", "TASK", "TYPE", "STATUS", "ATTEMPTS", "CREATED");
        for (WebhookStore.Delivery d : webhooks.recent(task, limit)) {
            admin.out()
                    .printf(
                            "%-36s  %-36s  %-22s  %-9s  %8d  %-24s%n",
                            d.id(), d.taskId(), d.type(), d.status(), d.attempts(), d.createdAt());
        }
        return 0;
    }

    private int show(WebhookStore webhooks, String id) {
        Optional<WebhookStore.Delivery> delivery = webhooks.delivery(id);
        if (delivery.isEmpty()) {
            admin.err().println("agentd: no webhook delivery " + id);
            return 1;
        }
        WebhookStore.Delivery d = delivery.get();
        admin.out()
                .println(d.id() + "  " + d.type() + " of task " + d.taskId() + ": " + d.status() + ", to " + d.url());
        admin.out().printf("%3s  %-24s  %6s  %7s  %s%n", "#", "AT", "STATUS", "MS", "RESULT");
        for (WebhookStore.Attempt a : webhooks.attempts(id)) {
            admin.out()
                    .printf(
                            "%3d  %-24s  %6s  %7d  %s%n",
                            a.attempt(),
                            a.at(),
                            a.status() == null ? "-" : a.status(),
                            a.ms(),
                            a.error() == null ? "delivered" : a.error());
        }
        return 0;
    }
}
