package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.chaosmonkey.agent.bootstrap.JdbcCalls;
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
    /** The instrumentation name its advice is recorded under. */
    static final String NAME = "jdbc";

    private JdbcInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder
                .type(NamePrefilter.containing("Statement").and(not(isInterface()))
                        .and(SuperTypeMatcher.hasSuperTypeNamed("java.sql.Statement")))
                .transform(weaver.advice(NAME, StatementAdvice.class, isPublic().and(not(isAbstract()))
                        .and(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
                                "executeBatch", "executeLargeBatch"))))
                .type(NamePrefilter.containing("Connection").and(not(isInterface()))
                        .and(SuperTypeMatcher.hasSuperTypeNamed("java.sql.Connection")))
                .transform(weaver.advice(NAME, PrepareAdvice.class, isPublic().and(not(isAbstract()))
                        .and(namedOneOf("prepareStatement", "prepareCall"))
                        .and(takesArgument(0, String.class))))
                .type(NamePrefilter.containing("Driver").and(not(isInterface()))
                        .and(SuperTypeMatcher.hasSuperTypeNamed("java.sql.Driver")))
                .transform(weaver.advice(NAME, DriverConnectAdvice.class, isPublic().and(not(isAbstract()))
                        .and(named("connect")).and(takesArguments(2)).and(takesArgument(0, String.class))))
                .type(NamePrefilter.containing("DataSource").and(not(isInterface()))
                        .and(SuperTypeMatcher.hasSuperTypeNamed("javax.sql.DataSource")))
                .transform(weaver.advice(NAME, DataSourceConnectAdvice.class, isPublic().and(not(isAbstract()))
                        .and(named("getConnection"))));
    }

    /** Statement execution: one decision per outermost call (pool proxies delegate to the driver's statement). */
    static final class StatementAdvice {
        private StatementAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Object statement, @Advice.Origin("#m") String method,
                @Advice.Argument(value = 0, optional = true, typing = Assigner.Typing.DYNAMIC) Object first) {
            int depth = JdbcCalls.STATEMENTS.enter();
            if (depth == 0) {
                JdbcCalls.STATEMENTS.perform(JdbcCalls.decideStatement(statement, method, first), statement);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            JdbcCalls.STATEMENTS.exit(depth);
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
                JdbcCalls.STATEMENT_SQL.put(statement, sql);
            }
        }
    }

    /** {@code Driver.connect(url, info)}: drivers that do not accept the URL are not asked. */
    static final class DriverConnectAdvice {
        private DriverConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Object driver, @Advice.Argument(0) String url) {
            int depth = JdbcCalls.CONNECTS.enter();
            if (depth == 0) {
                JdbcCalls.CONNECTS.perform(JdbcCalls.decideDriverConnect(driver, url), driver);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            JdbcCalls.CONNECTS.exit(depth);
        }
    }

    /** {@code DataSource.getConnection()}: pools and wrapping data sources decide once, at the outermost call. */
    static final class DataSourceConnectAdvice {
        private DataSourceConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Object dataSource) {
            int depth = JdbcCalls.CONNECTS.enter();
            if (depth == 0) {
                JdbcCalls.CONNECTS.perform(JdbcCalls.decideDataSourceConnect(), dataSource);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            JdbcCalls.CONNECTS.exit(depth);
        }
    }
}
