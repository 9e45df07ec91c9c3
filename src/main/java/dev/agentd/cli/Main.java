package dev.agentd.cli;

/** {@code agentd [serve] [--flags]}, {@code agentd keys …}, {@code agentd --help}: see {@link Cli}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err, System.getenv()).run(args);
        if (code >= 0) System.exit(code);
    }
}
