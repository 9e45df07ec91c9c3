package dev.agentd.tasks;

import java.security.SecureRandom;
import java.util.UUID;

/** Identifier forms of task-api.md §1. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** {@code <epoch-millis>-<9 lowercase base36 chars>}. */
    static String conversationId(long epochMillis) {
        StringBuilder id = new StringBuilder().append(epochMillis).append('-');
        for (int i = 0; i < 9; i++) id.append(BASE36[RANDOM.nextInt(36)]);
        return id.toString();
    }
}
