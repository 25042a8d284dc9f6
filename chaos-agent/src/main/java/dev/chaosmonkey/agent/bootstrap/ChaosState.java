package dev.chaosmonkey.agent.bootstrap;

/**
 * The one live chaos state as woven code sees it. The agent implements it over the {@code ChaosMonkey.global()} of
 * whichever class loader owns chaos-core (the application's when it already loaded chaos-core, else the agent's own
 * copy) and installs it with {@link ChaosBridge#install(ChaosState)}. Only {@code java.base} types appear here, so
 * these bridge types never clash with a chaos-core the application loaded itself.
 */
public interface ChaosState {
    /** Bit set of points with an active rule (bit {@code 1 << ordinal} of chaos-core's injection points). */
    int armedMask();

    /** A JDBC decision; {@code null} to proceed. */
    FiredFault decideJdbc(String operation, String sql, String url);

    /** An outgoing HTTP decision ({@code port} -1 when unknown); {@code null} to proceed. */
    FiredFault decideHttp(String method, String scheme, String host, int port, String path);

    /** A Kafka producer decision; {@code null} to proceed. */
    FiredFault decideKafka(String topic, boolean keyPresent);

    /** A decision for a woven method; {@code null} to proceed. */
    FiredFault decideMethod(String className, String methodName);

    /** Whether a dns rule would consider {@code host} (no counting); {@code true} when unknown. */
    default boolean matchesDns(String host) {
        return true;
    }

    /** A host-name lookup decision; {@code null} to proceed. */
    default FiredFault decideDns(String host) {
        return null;
    }

    /** What the bridge reports before the agent installed a state: nothing is ever armed. */
    ChaosState NONE = new ChaosState() {
        @Override
        public int armedMask() {
            return 0;
        }

        @Override
        public FiredFault decideJdbc(String operation, String sql, String url) {
            return null;
        }

        @Override
        public FiredFault decideHttp(String method, String scheme, String host, int port, String path) {
            return null;
        }

        @Override
        public FiredFault decideKafka(String topic, boolean keyPresent) {
            return null;
        }

        @Override
        public FiredFault decideMethod(String className, String methodName) {
            return null;
        }
    };
}
