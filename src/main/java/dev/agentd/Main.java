package dev.agentd;

import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.config.ConfigLoader;
import java.util.Arrays;

/** {@code java -jar agentd.jar [--flags]} serves; {@code … keys create|list|revoke} manages keys. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals("keys")) {
                System.exit(new KeysCommand(System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length)));
            }
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.println("usage: agentd [--port N] [--data-dir D] [--model builtin|openai:<model>] ...\n"
                        + "       agentd keys create --name NAME | keys list | keys revoke ID");
                return;
            }
            Config config = ConfigLoader.load(System.getenv(), args);
            App app = App.start(config, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("agentd: " + e.getMessage());
            System.exit(2);
        }
    }
}
