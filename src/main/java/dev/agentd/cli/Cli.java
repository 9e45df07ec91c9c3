package dev.agentd.cli;

import dev.agentd.App;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.config.ConfigLoader;
import dev.agentd.logs.Logs;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The command line of the binary: {@code serve} (also with no command), {@code keys …},
 * {@code projects …}, {@code apps …},
 * {@code --help}, {@code --version}. Every failure is one line naming its cause; an unknown command
 * or option names the closest known one.
 */
public final class Cli {
    private static final String[] COMMANDS = {
        "serve", "keys", "projects", "apps", "tasks", "usage", "webhooks", "backup", "restore", "help"
    };

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs the command line; returns the exit code, or -1 when the server is now serving. */
    public int run(String[] args) {
        String first = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (first) {
                case "--help", "-h", "help" -> help();
                case "--version", "-V" -> {
                    out.println("agentd " + version());
                    yield 0;
                }
                case "keys" -> new KeysCommand(new Admin(out, err, env)).run(rest);
                case "projects" -> new ProjectsCommand(new Admin(out, err, env)).run(rest);
                case "apps" -> new AppsCommand(new Admin(out, err, env)).run(rest);
                case "usage" -> new UsageCommand(new Admin(out, err, env)).run(rest);
                case "tasks" -> new TasksCommand(new Admin(out, err, env)).run(rest);
                case "webhooks" -> new WebhooksCommand(new Admin(out, err, env)).run(rest);
                case "backup" -> new BackupCommand(new Admin(out, err, env), false).run(rest);
                case "restore" -> new BackupCommand(new Admin(out, err, env), true).run(rest);
                case "serve" -> serve(rest);
                default -> first.startsWith("-") ? serve(args) : unknown(first);
            };
        } catch (ConfigException e) {
            err.println("agentd: " + e.getMessage());
            return 2;
        }
    }

    private int serve(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) return help();
        Config config = ConfigLoader.load(env, args);
        if (config.logFormat() == Config.LogFormat.JSON) Logs.useJson();
        App app;
        try {
            app = App.start(config, out);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            err.println("agentd: could not start: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        return -1;
    }

    private int unknown(String command) {
        err.println("agentd: unknown command '" + command + "'" + ConfigLoader.suggestion(command, COMMANDS)
                + "; see agentd --help");
        return 2;
    }

    private int help() {
        out.println("agentd " + version() + " - a self-hosted server for background AI agent tasks");
        out.println();
        out.println("usage: agentd [serve] [OPTIONS]     serve the Task API (the default command)");
        out.println("       " + KeysCommand.USAGE);
        out.println("       " + ProjectsCommand.USAGE);
        out.println("       " + AppsCommand.USAGE);
        out.println("       " + TasksCommand.USAGE);
        out.println("       " + UsageCommand.USAGE);
        out.println("       " + WebhooksCommand.USAGE);
        out.println("       " + BackupCommand.USAGE);
        out.println("       agentd --version | --help");
        out.println();
        out.println("Each option is also an environment variable; an option given on the command line wins.");
        out.println("Durations take ms, s, m, h (200ms, 15s, 30m); sizes take KB, MB, GB (powers of 1024).");
        out.println();
        out.print(ConfigLoader.options());
        return 0;
    }

    /** The version the jar was built as (its manifest), or "dev" when run from classes. */
    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
