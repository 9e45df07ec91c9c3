package dev.agentd.cli;

import dev.agentd.domain.Times;
import dev.agentd.store.RunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code usage [--days N] [--project NAME]}: runs, tokens and model calls per project and day (UTC). */
final class UsageCommand {
    static final String USAGE = "agentd usage [--days N] [--project NAME]   [--data-dir DIR]";
    private static final int DEFAULT_DAYS = 30;

    private final Admin admin;

    UsageCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.contains("--help") || rest.contains("-h")) return admin.usage(USAGE, 0);
        Optional<String> project = Admin.take(rest, "--project");
        int window = admin.count(rest, "--days", DEFAULT_DAYS);
        if (window < 1) return 2;
        return admin.withStore(rest, store -> {
            List<RunStore.DailyUsage> rows = store.runs().daily(Times.now().minus(Duration.ofDays(window)));
            admin.out()
                    .printf(
                            "%-10s  %-24s  %6s  %14s  %14s  %11s%n",
                            "DAY", "PROJECT", "RUNS", "PROMPT TOKENS", "OUTPUT TOKENS", "MODEL CALLS");
            for (RunStore.DailyUsage r : rows) {
                if (project.isPresent() && !project.get().equals(r.project())) continue;
                admin.out()
                        .printf(
                                "%-10s  %-24s  %6d  %14d  %14d  %11d%n",
                                r.day(), r.project(), r.runs(), r.promptTokens(), r.completionTokens(), r.modelCalls());
            }
            return 0;
        });
    }
}
