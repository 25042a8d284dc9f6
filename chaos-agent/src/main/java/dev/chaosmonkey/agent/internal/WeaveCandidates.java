package dev.chaosmonkey.agent.internal;

import java.util.Set;

/**
 * The names of the classes the instrumentations may weave, decided from the class name alone and without
 * ByteBuddy: while ByteBuddy initialises in the background after rules were armed by the agent options, a class
 * load asks {@link #matches(String)} to know whether it must wait for the weaver ({@link WeaveGate}). A superset of
 * what the instrumentations' own name checks accept (each instrumentation still decides on the full type): JDBC
 * types named like the interface they implement, the HTTP clients' and Kafka's exact classes, the Apache client
 * packages, and the classes armed {@code method} rules name. The JDK's executors (scope propagation) are not
 * among them: they are woven only by retransformation, when a scoped rule arrives.
 */
final class WeaveCandidates {
    /** Simple-name fragments of the JDBC instrumentation ({@link JdbcInstrumentation}). */
    static final String[] JDBC_FRAGMENTS = {"Statement", "Connection", "Driver", "DataSource"};
    private static final Set<String> EXACT = Set.of(
            IgnoredTypes.JDK_HTTP_CLIENT,
            IgnoredTypes.JDK_URL_CONNECTION,
            "okhttp3.internal.connection.RealCall",
            "okhttp3.RealCall",
            "org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient");
    private static final String[] PREFIXES = {"org.apache.hc.client5.http.impl.classic.",
        "org.apache.http.impl.client."};
    /** Never woven by the class-load path (JDK, the agent, ByteBuddy), except the exact JDK names above. */
    private static final String[] NEVER = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.chaosmonkey.",
        "net.bytebuddy."};

    private final MethodTargets methods;

    WeaveCandidates(MethodTargets methods) {
        this.methods = methods;
    }

    /** Whether a class of this (dotted) name may be woven when it loads. */
    boolean matches(String name) {
        if (EXACT.contains(name)) {
            return true;
        }
        for (String p : NEVER) {
            if (name.startsWith(p)) {
                return false;
            }
        }
        if (methods.matchesType(name)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        int simple = name.lastIndexOf('.') + 1;
        for (String f : JDBC_FRAGMENTS) {
            if (name.indexOf(f, simple) >= 0) {
                return true;
            }
        }
        return false;
    }
}
