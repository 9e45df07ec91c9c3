package dev.agentd.cli;

import dev.agentd.Databases;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.config.ConfigLoader;
import dev.agentd.store.Store;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What the managing commands ({@code keys}, {@code projects}, {@code apps}) share: their flags, and
 * the data dir's database, also while a server runs there. They never make a database: a data dir
 * without one is most likely the wrong one.
 */
final class Admin {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    Admin(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs {@code work} on the store of the data dir the remaining {@code args} name; its exit code. */
    int withStore(List<String> args, ToIntFunction<Store> work) {
        return withStore(args, out, work);
    }

    /** {@link #withStore(List, ToIntFunction)}, naming the data dir on {@code said} (stderr when stdout is the output). */
    int withStore(List<String> args, PrintStream said, ToIntFunction<Store> work) {
        Config config = ConfigLoader.load(env, args.toArray(String[]::new));
        said.println("data dir: " + config.dataDir().toAbsolutePath().normalize());
        if (!config.database().postgres() && !Files.exists(Databases.sqliteFile(config))) {
            err.println("agentd: no database in "
                    + config.dataDir().toAbsolutePath().normalize()
                    + "; start the server there once, or name the right one with --data-dir or AGENTD_DATA_DIR");
            return 1;
        }
        try (Store store = Databases.open(config)) {
            return work.applyAsInt(store);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("agentd: " + e.getMessage());
            return 1;
        }
    }

    /** A command's words: its verb, or null when the usage was shown instead with {@code exit}, and what follows. */
    record Words(String verb, List<String> rest, int exit) {}

    /**
     * Reads the words of {@code command}: its verb, one of {@code verbs}, and the rest. Without one,
     * with an unknown one, or with --help, the usage is shown instead.
     */
    Words words(String command, String usage, String[] verbs, String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.isEmpty()) return new Words(null, rest, usage(usage, 2));
        if (rest.contains("--help") || rest.contains("-h")) return new Words(null, rest, usage(usage, 0));
        String verb = rest.removeFirst();
        if (!Arrays.asList(verbs).contains(verb)) {
            err.println(
                    "agentd: unknown " + command + " command '" + verb + "'" + ConfigLoader.suggestion(verb, verbs));
            return new Words(null, rest, usage(usage, 2));
        }
        return new Words(verb, rest, 0);
    }

    /** Shows {@code usage}: asked for (code 0) on stdout, else on stderr; returns {@code code}. */
    int usage(String usage, int code) {
        (code == 0 ? out : err).println("usage: " + usage);
        return code;
    }

    /**
     * Removes {@code --flag N} from {@code args} and returns N, or {@code fallback} without it; -1,
     * said on stderr, when N is not a whole number of 1 or more.
     */
    int count(List<String> args, String flag, int fallback) {
        Optional<String> text = take(args, flag);
        int n;
        try {
            n = text.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            err.println("agentd: " + flag + " takes a whole number of 1 or more, not " + text.orElse(""));
            return -1;
        }
        return n;
    }

    /** Removes {@code --flag VALUE} or {@code --flag=VALUE} from {@code args} and returns the value. */
    static Optional<String> take(List<String> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(flag + "=")) {
                args.remove(i);
                return Optional.of(a.substring(flag.length() + 1));
            }
            if (a.equals(flag) && i + 1 < args.size()) {
                String v = args.get(i + 1);
                args.remove(i + 1);
                args.remove(i);
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Removes the first argument if it is not a flag, and returns it. */
    static Optional<String> operand(List<String> args) {
        if (args.isEmpty() || args.getFirst().startsWith("--")) return Optional.empty();
        return Optional.of(args.removeFirst());
    }

    Map<String, String> env() {
        return env;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
