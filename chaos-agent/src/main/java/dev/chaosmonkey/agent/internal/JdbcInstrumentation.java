package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.agent.bootstrap.CallDepth;
import dev.chaosmonkey.agent.bootstrap.WeakStore;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * JDBC through the {@code java.sql} types, for any driver and pool: {@code Driver.connect} and
 * {@code DataSource.getConnection} (operation {@code connect}), {@code Statement} execution (operations
 * {@code query}, {@code update}, {@code execute}, {@code batch}); the SQL of prepared statements is captured at
 * {@code Connection.prepareStatement/prepareCall}. Classes are pre-filtered by name (implementations are named like
 * the interface they implement) before the costly super-type check.
 */
final class JdbcInstrumentation {
    private JdbcInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder
                .type(NamePrefilter.containing("Statement").and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Statement"))))
                .transform(weaver.advice("jdbc", StatementAdvice.class, isPublic().and(not(isAbstract()))
                        .and(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
                                "executeBatch", "executeLargeBatch"))))
                .type(NamePrefilter.containing("Connection").and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Connection"))))
                .transform(weaver.advice("jdbc", PrepareAdvice.class, isPublic().and(not(isAbstract()))
                        .and(namedOneOf("prepareStatement", "prepareCall"))
                        .and(takesArgument(0, String.class))))
                .type(NamePrefilter.containing("Driver").and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Driver"))))
                .transform(weaver.advice("jdbc", DriverConnectAdvice.class, isPublic().and(not(isAbstract()))
                        .and(named("connect")).and(takesArguments(2)).and(takesArgument(0, String.class))))
                .type(NamePrefilter.containing("DataSource").and(not(isInterface()))
                        .and(hasSuperType(named("javax.sql.DataSource"))))
                .transform(weaver.advice("jdbc", DataSourceConnectAdvice.class, isPublic().and(not(isAbstract()))
                        .and(named("getConnection"))));
    }

    /** Statement execution: one decision per outermost call (pool proxies delegate to the driver's statement). */
    static final class StatementAdvice {
        private StatementAdvice() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Statement statement, @Advice.Origin("#m") String method,
                @Advice.Argument(value = 0, optional = true, typing = Assigner.Typing.DYNAMIC) Object first) {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.JDBC)) {
                return false;
            }
            if (CallDepth.enter(CallDepth.JDBC_STATEMENT) > 0) {
                return true;
            }
            Injection injection = null;
            try {
                String sql = first instanceof String ? (String) first : WeakStore.STATEMENT_SQL.get(statement);
                String url = null;
                Connection connection = statement.getConnection();
                if (connection != null) {
                    url = WeakStore.CONNECTION_URL.get(connection);
                    if (url == null) {
                        url = connection.getMetaData().getURL();
                        WeakStore.CONNECTION_URL.put(connection, url);
                    }
                }
                injection = ChaosMonkey.global().decideJdbc(AdviceSupport.jdbcOperation(method), sql, url);
            } catch (Throwable t) {
                AdviceSupport.swallow("jdbc", t);
            }
            if (injection != null) {
                CallDepth.perform(injection, statement.getClass().getClassLoader(), CallDepth.JDBC_STATEMENT);
            }
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean tracked) {
            if (tracked) {
                CallDepth.exit(CallDepth.JDBC_STATEMENT);
            }
        }
    }

    /** Remembers the SQL of each prepared statement (always: statements are prepared before rules are armed). */
    static final class PrepareAdvice {
        private PrepareAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String sql,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object statement) {
            if (statement != null) {
                WeakStore.STATEMENT_SQL.put(statement, sql);
            }
        }
    }

    /** {@code Driver.connect(url, info)}: drivers that do not accept the URL are not asked. */
    static final class DriverConnectAdvice {
        private DriverConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Driver driver, @Advice.Argument(0) String url) {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.JDBC)) {
                return false;
            }
            if (CallDepth.enter(CallDepth.JDBC_CONNECT) > 0) {
                return true;
            }
            Injection injection = null;
            try {
                if (url != null && driver.acceptsURL(url)) {
                    injection = ChaosMonkey.global().decideJdbc("connect", null, url);
                }
            } catch (Throwable t) {
                AdviceSupport.swallow("jdbc", t);
            }
            if (injection != null) {
                CallDepth.perform(injection, driver.getClass().getClassLoader(), CallDepth.JDBC_CONNECT);
            }
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean tracked) {
            if (tracked) {
                CallDepth.exit(CallDepth.JDBC_CONNECT);
            }
        }
    }

    /** {@code DataSource.getConnection()}: pools and wrapping data sources decide once, at the outermost call. */
    static final class DataSourceConnectAdvice {
        private DataSourceConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object dataSource) {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.JDBC)) {
                return false;
            }
            if (CallDepth.enter(CallDepth.JDBC_CONNECT) > 0) {
                return true;
            }
            Injection injection = null;
            try {
                injection = ChaosMonkey.global().decideJdbc("connect", null, null);
            } catch (Throwable t) {
                AdviceSupport.swallow("jdbc", t);
            }
            if (injection != null) {
                CallDepth.perform(injection, dataSource.getClass().getClassLoader(), CallDepth.JDBC_CONNECT);
            }
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean tracked) {
            if (tracked) {
                CallDepth.exit(CallDepth.JDBC_CONNECT);
            }
        }
    }
}
