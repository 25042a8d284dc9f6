package dev.chaosmonkey.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * JDBC calls and their state: the call depths of statement executions and connection acquisitions, the SQL of
 * prepared statements, the URL of connections. {@code java.sql} lives in the platform class loader, invisible from
 * here, so its methods are reached through method handles resolved once.
 */
public final class JdbcCalls {
    /** Statement executions. */
    public static final ChaosCall STATEMENTS = new ChaosCall("jdbc", ChaosBridge.JDBC);
    /** Connection acquisition ({@code Driver.connect}, {@code DataSource.getConnection}). */
    public static final ChaosCall CONNECTS = new ChaosCall("jdbc", ChaosBridge.JDBC);
    /** SQL of prepared/callable statements, captured at {@code Connection.prepareStatement}. */
    public static final WeakStore<String> STATEMENT_SQL = new WeakStore<>();
    /** JDBC URL per connection, looked up once while a JDBC rule is armed. */
    public static final WeakStore<String> CONNECTION_URL = new WeakStore<>();

    private JdbcCalls() {
    }

    /*
     * The woven code of JDBC classes (the agent's JdbcWeaver) calls these: each is the whole of one hook, so that the
     * woven bytecode is a call and a local.
     */

    /**
     * Entry of {@code Statement.<method>(first, ...)}: one decision per outermost call (pool proxies delegate to the
     * driver's statement); {@code first} is the first argument or {@code null}. Returns what {@link #exitStatement}
     * gets; throws the injected fault, the call left.
     */
    public static int enterStatement(Object statement, String method, Object first) {
        int depth = STATEMENTS.enter();
        if (depth == 0) {
            STATEMENTS.perform(decideStatement(statement, method, first), statement);
        }
        return depth;
    }

    /** Exit of a statement execution, also when it threw. */
    public static void exitStatement(int depth) {
        STATEMENTS.exit(depth);
    }

    /** Entry of {@code Driver.connect(url, info)}; see {@link #enterStatement}. */
    public static int enterDriverConnect(Object driver, String url) {
        int depth = CONNECTS.enter();
        if (depth == 0) {
            CONNECTS.perform(decideDriverConnect(driver, url), driver);
        }
        return depth;
    }

    /** Entry of {@code DataSource.getConnection(...)}: pools and wrapping data sources decide once. */
    public static int enterDataSourceConnect(Object dataSource) {
        int depth = CONNECTS.enter();
        if (depth == 0) {
            CONNECTS.perform(decideDataSourceConnect(), dataSource);
        }
        return depth;
    }

    /** Exit of a connection acquisition, also when it threw. */
    public static void exitConnect(int depth) {
        CONNECTS.exit(depth);
    }

    /**
     * Return of {@code Connection.prepareStatement/prepareCall(sql, ...)}: remembers the statement's SQL (always:
     * statements are prepared before rules are armed). Never throws.
     */
    public static void prepared(Object statement, String sql) {
        try {
            if (statement != null && sql != null) {
                STATEMENT_SQL.put(statement, sql);
            }
        } catch (Throwable t) {
            STATEMENTS.internalError(t);
        }
    }

    /** The decision for {@code Statement.<method>(first, ...)}; {@code null} to proceed (internal errors too). */
    public static FiredFault decideStatement(Object statement, String method, Object first) {
        try {
            String sql = first instanceof String ? (String) first : STATEMENT_SQL.get(statement);
            String url = null;
            Object connection = (Object) Sql.GET_CONNECTION.invokeExact(statement);
            if (connection != null) {
                url = CONNECTION_URL.get(connection);
                if (url == null) {
                    Object metaData = (Object) Sql.GET_META_DATA.invokeExact(connection);
                    url = (String) Sql.GET_URL.invokeExact(metaData);
                    CONNECTION_URL.put(connection, url);
                }
            }
            return ChaosBridge.state().decideJdbc(operation(method), sql, url);
        } catch (Throwable t) {
            STATEMENTS.internalError(t);
            return null;
        }
    }

    /** The decision for {@code Driver.connect(url, info)}: drivers that do not accept the URL are not asked. */
    public static FiredFault decideDriverConnect(Object driver, String url) {
        try {
            if (url == null || !(boolean) Sql.ACCEPTS_URL.invokeExact(driver, url)) {
                return null;
            }
            return ChaosBridge.state().decideJdbc("connect", null, url);
        } catch (Throwable t) {
            CONNECTS.internalError(t);
            return null;
        }
    }

    /** The decision for {@code DataSource.getConnection()} (the URL is not known there). */
    public static FiredFault decideDataSourceConnect() {
        try {
            return ChaosBridge.state().decideJdbc("connect", null, null);
        } catch (Throwable t) {
            CONNECTS.internalError(t);
            return null;
        }
    }

    /** The JDBC {@code operation} attribute for a {@code Statement} method name. */
    public static String operation(String method) {
        switch (method) {
            case "executeQuery":
                return "query";
            case "executeUpdate":
            case "executeLargeUpdate":
                return "update";
            case "executeBatch":
            case "executeLargeBatch":
                return "batch";
            default:
                return "execute";
        }
    }

    /** Forgets per-object state (the agent was detached). */
    public static void clear() {
        STATEMENT_SQL.clear();
        CONNECTION_URL.clear();
    }

    /** {@code java.sql} methods as {@code (Object...)Object} handles; resolved on first armed use. */
    private static final class Sql {
        static final MethodHandle GET_CONNECTION = handle("java.sql.Statement", "getConnection",
                "java.sql.Connection");
        static final MethodHandle GET_META_DATA = handle("java.sql.Connection", "getMetaData",
                "java.sql.DatabaseMetaData");
        static final MethodHandle GET_URL = handle("java.sql.DatabaseMetaData", "getURL", "java.lang.String");
        static final MethodHandle ACCEPTS_URL;

        static {
            try {
                Class<?> driver = Class.forName("java.sql.Driver", false, ClassLoader.getPlatformClassLoader());
                ACCEPTS_URL = MethodHandles.publicLookup()
                        .findVirtual(driver, "acceptsURL", MethodType.methodType(boolean.class, String.class))
                        .asType(MethodType.methodType(boolean.class, Object.class, String.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MethodHandle handle(String owner, String name, String returnType) {
            try {
                ClassLoader platform = ClassLoader.getPlatformClassLoader();
                Class<?> type = Class.forName(owner, false, platform);
                Class<?> returns = Class.forName(returnType, false, platform);
                return MethodHandles.publicLookup().findVirtual(type, name, MethodType.methodType(returns))
                        .asType(MethodType.methodType(returnType.equals("java.lang.String") ? String.class
                                : Object.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
