package dev.agentd.bench.figures;

import java.util.List;

/** JVM options of the servers under load: the 512 MB heap that the open-streams target allows. */
final class Heap {
    static final List<String> UNDER_LOAD = List.of("-Xmx512m");
    /** Start-up and idle memory are measured as a user starts the jar: no options. */
    static final List<String> AS_USERS_RUN_IT = List.of();

    private Heap() {}
}
