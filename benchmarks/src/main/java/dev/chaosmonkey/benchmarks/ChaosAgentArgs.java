package dev.chaosmonkey.benchmarks;

import java.nio.file.Path;

/** The chaos agent's {@code -javaagent} arguments for the Spring Boot parts. */
final class ChaosAgentArgs {
    /** The rules the "armed" variants arm through the agent options: one per point, never firing. */
    static final String ARMED_SPECS = "spec=jdbc -> exception p=0 for=1h;spec=http -> exception p=0 for=1h";

    private ChaosAgentArgs() {
    }

    /** Chaos enabled, nothing armed (the issue's {@code -javaagent:chaos-agent.jar=enabled=true}). */
    static String idle(Path agent) {
        return "-javaagent:" + agent + "=enabled=true";
    }

    /** Chaos enabled with {@link #ARMED_SPECS} armed at start. */
    static String armed(Path agent) {
        return "-javaagent:" + agent + "=enabled=true;" + ARMED_SPECS;
    }
}
