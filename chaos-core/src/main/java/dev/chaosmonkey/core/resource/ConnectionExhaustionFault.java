package dev.chaosmonkey.core.resource;

import java.util.Map;
import java.util.Objects;

import dev.chaosmonkey.core.ResourceFault;

/**
 * Exhausts a connection pool: borrows up to {@code count} connections from a pool registered with
 * {@link ResourceTargets} and holds them until the rule ends, so that the application waits for connections and
 * sees its pool's timeouts. All held connections are closed (returned to the pool) when the rule ends.
 *
 * <pre>
 * resource -&gt; connections(datasource=orders-db, count=8)
 * resource -&gt; connections(datasource=orders-db, heavy)
 * </pre>
 *
 * <p>Connections are borrowed one by one on a chaos thread (arming never waits for the pool); a failed borrow is
 * retried every {@value #RETRY_MILLIS} ms. Presets (count): light = 2, medium = 5, heavy = 10 (all of a default
 * HikariCP pool). Holdings: {@value #CONNECTIONS_HELD}, {@value #CONNECTIONS_WANTED}.
 */
public final class ConnectionExhaustionFault extends ResourceFault {
    /** Holdings key: connections currently held. */
    public static final String CONNECTIONS_HELD = "connectionsHeld";
    /** Holdings key: connections the fault tries to hold. */
    public static final String CONNECTIONS_WANTED = "connectionsWanted";
    /** Pause after a failed borrow. */
    public static final long RETRY_MILLIS = 500;
    /** Most connections one fault may hold. */
    public static final int MAX_COUNT = 10_000;

    private final String dataSource;
    private final int count;

    private ConnectionExhaustionFault(String dataSource, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("connections: count must be from 1 to " + MAX_COUNT + ", was "
                    + count);
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.count = count;
    }

    /** Holds {@code count} connections of the pool registered as {@code dataSourceName}. */
    public static ConnectionExhaustionFault of(String dataSourceName, int count) {
        return new ConnectionExhaustionFault(dataSourceName, count);
    }

    /** A preset: light = 2, medium = 5, heavy = 10 connections. */
    public static ConnectionExhaustionFault of(String dataSourceName, Intensity intensity) {
        return new ConnectionExhaustionFault(dataSourceName, presetCount(intensity));
    }

    private static int presetCount(Intensity intensity) {
        switch (intensity) {
            case LIGHT:
                return 2;
            case MEDIUM:
                return 5;
            default:
                return 10;
        }
    }

    /**
     * Builds the fault from spec arguments ({@code datasource} (required), {@code count}, a preset; no count means
     * medium); used by the spec parser.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static ConnectionExhaustionFault fromArguments(Map<String, String> arguments) {
        ResourceArgs args = new ResourceArgs("connections", arguments);
        args.onlyKnown("datasource", "count");
        Intensity preset = Intensity.fromPositional("connections", args.positional(),
                "datasource=orders-db, count=8");
        String name = args.name("datasource");
        if (name == null) {
            throw new IllegalArgumentException("connections needs datasource=<name registered with"
                    + " ResourceTargets>, e.g. connections(datasource=orders-db, count=8)");
        }
        int absent = presetCount(preset == null ? Intensity.MEDIUM : preset);
        return new ConnectionExhaustionFault(name, args.count("count", 1, MAX_COUNT, absent));
    }

    /** The registered pool's name. */
    public String dataSource() {
        return dataSource;
    }

    /** Connections to hold. */
    public int count() {
        return count;
    }

    @Override
    public String kind() {
        return "connections";
    }

    @Override
    public Running start(String ruleId) {
        return new ConnectionHoldRun(ruleId, ResourceTargets.connections(dataSource), count);
    }

    @Override
    public String toSpec() {
        return "connections(datasource=" + dataSource + ", count=" + count + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConnectionExhaustionFault)) {
            return false;
        }
        ConnectionExhaustionFault f = (ConnectionExhaustionFault) o;
        return count == f.count && dataSource.equals(f.dataSource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataSource, count);
    }
}
