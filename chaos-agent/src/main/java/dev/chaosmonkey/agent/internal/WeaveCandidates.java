package dev.chaosmonkey.agent.internal;

import java.util.Set;

/**
 * The names of the classes the instrumentations may weave, decided from the class name (and, for the name-guessed
 * JDBC types, the class file's constant pool) without ByteBuddy. Two questions are asked of it:
 * <ul>
 *   <li>{@link #mustWait(String, byte[])}: while a weaver is on its way after rules were armed by the agent options
 *       (the JDBC weaver, ByteBuddy initialising in the background or on demand), which one a class that loads
 *       must wait for ({@link WeaveGate}), so that those rules fire from the first call. A class that does not
 *       wait but is woven after all is retransformed by ByteBuddy's installation, so only its calls before the
 *       weaver is ready run without chaos; a class that waits needlessly stalls the thread that loads it (a Spring
 *       Boot launcher's {@code JarUrlConnection} held the main thread for 0.4 s). JDBC types are guessed from the
 *       simple name ({@code Statement}, {@code Connection}, {@code Driver}, {@code DataSource}), and wait only if
 *       their class file names a {@code java.sql} or {@code javax.sql} type; the JDK's executors (scope
 *       propagation) never wait: they are woven only by retransformation.</li>
 *   <li>{@link #mayWeave(String, MethodTargets)}: whether ByteBuddy's transformer needs to see a class that loads at
 *       all. A superset of every ByteBuddy instrumentation's type matcher, by name (JDBC is the {@link JdbcWeaver}'s,
 *       not ByteBuddy's); every other class load skips ByteBuddy (its type pool, its ignore matcher and some twenty
 *       type matchers per class, for the 15,000-20,000 classes a Spring Boot application loads).
 *       Retransformations always go through ByteBuddy.</li>
 * </ul>
 * A new instrumentation's type names must be added here ({@code WeaveCandidatesTest} lists them).
 */
final class WeaveCandidates {
    /** Simple-name fragments of the JDBC types ({@link JdbcWeaver}), in the order of {@link JdbcTypes}' kinds. */
    static final String[] JDBC_FRAGMENTS = {"Statement", "Connection", "Driver", "DataSource"};
    /** Exact names of the client instrumentations, outside the JDK. */
    private static final Set<String> CLIENTS = Set.of(
            "okhttp3.internal.connection.RealCall",
            "okhttp3.RealCall",
            "org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient",
            ReactorNettyInstrumentation.TYPE);
    /** The JDK's HTTP clients: armed rules wait for them. */
    private static final Set<String> JDK_CLIENTS = Set.of(IgnoredTypes.JDK_HTTP_CLIENT, IgnoredTypes.JDK_URL_CONNECTION);
    private static final String[] PREFIXES = {"org.apache.hc.client5.http.impl.classic.",
        "org.apache.http.impl.client."};
    /** Never woven by the class-load path (JDK, the agent, ByteBuddy), except the exact JDK names above. */
    private static final String[] NEVER = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.chaosmonkey.",
        "net.bytebuddy."};

    private final MethodTargets methods;

    WeaveCandidates(MethodTargets methods) {
        this.methods = methods;
    }

    /** {@link #mustWait} of a class no weaver needs to see first. */
    static final int NONE = 0;
    /** {@link #mustWait} of a class the {@link JdbcWeaver} may weave. */
    static final int JDBC = 1;
    /** {@link #mustWait} of a class ByteBuddy's instrumentations may weave. */
    static final int BYTE_BUDDY = 2;

    /**
     * Which weaver a class of this (dotted) name, with this class file, must wait for as it loads: {@link #NONE},
     * {@link #JDBC} or {@link #BYTE_BUDDY}.
     */
    int mustWait(String name, byte[] classFile) {
        if (JDK_CLIENTS.contains(name) || CLIENTS.contains(name)) {
            return BYTE_BUDDY;
        }
        if (never(name)) {
            return NONE;
        }
        if (methods.matchesType(name) || prefixed(name)) {
            return BYTE_BUDDY;
        }
        return jdbcNamed(name) && namesSqlType(classFile) ? JDBC : NONE;
    }

    /**
     * Whether ByteBuddy's transformer must see a class of this (dotted, {@code null} for a hidden class) name as it
     * loads; {@code methods} are the method targets armed now.
     */
    static boolean mayWeave(String name, MethodTargets methods) {
        if (name == null) {
            return false;
        }
        if (JDK_CLIENTS.contains(name) || CLIENTS.contains(name) || name.equals(IgnoredTypes.JDK_INET_ADDRESS)
                || ScopePropagationInstrumentation.TYPES.contains(name) || SocketInstrumentation.TYPES.contains(name)) {
            return true;
        }
        if (never(name)) {
            return false;
        }
        return methods.matchesType(name) || prefixed(name);
    }

    /** Names never woven by the class-load path (the JDK, the agent, ByteBuddy), except the exact JDK names. */
    static boolean never(String name) {
        for (String p : NEVER) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefixed(String name) {
        for (String p : PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the simple part of the name (dotted, or internal as class-file transformers get it) contains a JDBC
     * type's name ({@link #JDBC_FRAGMENTS}).
     */
    static boolean jdbcNamed(String name) {
        int simple = Math.max(name.lastIndexOf('.'), name.lastIndexOf('/')) + 1;
        for (String f : JDBC_FRAGMENTS) {
            if (name.indexOf(f, simple) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class file mentions a type of {@code java.sql} or {@code javax.sql} (as a super type, in a
     * descriptor or a {@code throws SQLException}): every JDBC implementation does, most classes that merely have
     * such a name (a {@code JarUrlConnection}, a {@code ConnectionFactory} of a message broker) do not. A plain scan
     * of the bytes for {@code java/sql/} and {@code javax/sql/}; {@code null} bytes count as naming one.
     */
    static boolean namesSqlType(byte[] classFile) {
        if (classFile == null) {
            return true;
        }
        for (int i = 4, end = classFile.length - 4; i < end; i++) {
            if (classFile[i] == '/' && classFile[i + 1] == 's' && classFile[i + 2] == 'q' && classFile[i + 3] == 'l'
                    && classFile[i + 4] == '/' && (java(classFile, i - 4) || classFile[i - 1] == 'x'
                            && i >= 5 && java(classFile, i - 5))) {
                return true;
            }
        }
        return false;
    }

    private static boolean java(byte[] b, int at) {
        return b[at] == 'j' && b[at + 1] == 'a' && b[at + 2] == 'v' && b[at + 3] == 'a';
    }
}
