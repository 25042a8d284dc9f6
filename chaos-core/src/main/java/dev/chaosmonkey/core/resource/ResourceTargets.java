package dev.chaosmonkey.core.resource;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Named application resources that resource faults can exhaust: connection pools for
 * {@code connections(datasource=<name>, ...)} and executors for {@code threads(executor=<name>)}.
 *
 * <pre>{@code
 * ResourceTargets.register("orders-db", hikariDataSource);      // any javax.sql.DataSource
 * ResourceTargets.register("orders-pool", executorService);
 * monkey.arm("resource -> connections(datasource=orders-db, count=8) for=2m");
 * }</pre>
 *
 * <p>The registry is process-wide (like {@code ChaosMonkey.global()}), so rules armed over JMX or by the agent see
 * what the application registered. Registering a name again replaces the earlier target. Faults look the name up
 * when they start, so a rule armed before its target is registered fails to arm with a message naming the target.
 */
public final class ResourceTargets {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Map<String, Object> TARGETS = new ConcurrentHashMap<>();

    private ResourceTargets() {
    }

    /** Undoes one registration; see {@link ResourceTargets#register(String, Object)}. */
    public static final class Registration implements AutoCloseable {
        private final String name;
        private final Object target;

        private Registration(String name, Object target) {
            this.name = name;
            this.target = target;
        }

        /** The registered name. */
        public String name() {
            return name;
        }

        /** Removes the registration unless the name has since been registered to something else. */
        @Override
        public void close() {
            TARGETS.remove(name, target);
        }
    }

    /**
     * Registers a target under a name usable in specs (1-64 letters, digits, {@code _ . -}).
     *
     * @param target a {@code javax.sql.DataSource} (recognised by reflection, see {@link ConnectionSource}), a
     *        {@link ConnectionSource} or an {@link ExecutorService}
     * @return a handle whose {@code close()} unregisters it
     * @throws IllegalArgumentException for a bad name or an unsupported target type
     */
    public static Registration register(String name, Object target) {
        Objects.requireNonNull(target, "target");
        if (target instanceof ExecutorService) {
            return registerExecutor(name, (ExecutorService) target);
        }
        if (target instanceof ConnectionSource) {
            return registerConnections(name, (ConnectionSource) target);
        }
        DataSourceConnections adapted = DataSourceConnections.adapt(target);
        if (adapted == null) {
            throw new IllegalArgumentException("cannot register " + target.getClass().getName() + " as '" + name
                    + "': expected a javax.sql.DataSource, a ConnectionSource or an ExecutorService");
        }
        return put(name, adapted);
    }

    /** Registers a connection pool. */
    public static Registration registerConnections(String name, ConnectionSource source) {
        return put(name, Objects.requireNonNull(source, "source"));
    }

    /** Registers an executor. */
    public static Registration registerExecutor(String name, ExecutorService executor) {
        return put(name, Objects.requireNonNull(executor, "executor"));
    }

    private static Registration put(String name, Object target) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("resource target name '" + name
                    + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        if (TARGETS.put(name, target) != null) {
            ChaosLog.info("chaos resource target '" + name + "' re-registered");
        }
        return new Registration(name, target);
    }

    /** Removes a registration; returns whether the name was registered. */
    public static boolean unregister(String name) {
        return TARGETS.remove(name) != null;
    }

    /** The registered names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(TARGETS.keySet());
    }

    /**
     * The connection pool registered as {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static ConnectionSource connections(String name) {
        Object t = TARGETS.get(name);
        if (t instanceof ConnectionSource) {
            return (ConnectionSource) t;
        }
        throw missing(name, t, "DataSource");
    }

    /**
     * The executor registered as {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static ExecutorService executor(String name) {
        Object t = TARGETS.get(name);
        if (t instanceof ExecutorService) {
            return (ExecutorService) t;
        }
        throw missing(name, t, "executor");
    }

    private static IllegalArgumentException missing(String name, Object found, String kind) {
        if (found != null) {
            return new IllegalArgumentException("'" + name + "' is registered as " + found + ", not as a " + kind);
        }
        return new IllegalArgumentException("no " + kind + " registered as '" + name
                + "' (register it with ResourceTargets.register(\"" + name + "\", ...); registered: "
                + (TARGETS.isEmpty() ? "none" : String.join(", ", names())) + ")");
    }
}
