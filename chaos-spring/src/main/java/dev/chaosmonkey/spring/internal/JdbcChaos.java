package dev.chaosmonkey.spring.internal;

import java.sql.Connection;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;

/**
 * The jdbc point for wrapped {@code DataSource} beans, with the agent's operations and attributes: {@code connect}
 * at {@code getConnection}, {@code query}/{@code update}/{@code execute}/{@code batch} at statement execution, with
 * {@code sql} (the prepared SQL or the statement's argument) and {@code url} (from the connection's metadata).
 * Disarmed, each hook is one volatile read and a branch.
 */
public final class JdbcChaos {
    private final ChaosMonkey monkey;
    private final ClassLoader loader;

    JdbcChaos(ChaosMonkey monkey, ClassLoader loader) {
        this.monkey = monkey;
        this.loader = loader;
    }

    /** Before {@code DataSource.getConnection}. */
    void beforeConnect(String url) {
        if (!monkey.isArmed(InjectionPoint.JDBC)) {
            return;
        }
        Injection injection = null;
        try {
            injection = monkey.decideJdbc("connect", null, url);
        } catch (Throwable t) {
            InternalErrors.swallow("jdbc", t);
        }
        if (injection != null) {
            injection.perform(loader);
        }
    }

    /** Before a statement execution. */
    void beforeStatement(ChaosConnection connection, String operation, String sql) {
        if (!monkey.isArmed(InjectionPoint.JDBC)) {
            return;
        }
        Injection injection = null;
        try {
            injection = monkey.decideJdbc(operation, sql, connection.url());
        } catch (Throwable t) {
            InternalErrors.swallow("jdbc", t);
        }
        if (injection != null) {
            injection.perform(loader);
        }
    }

    /** Wraps a connection of a wrapped data source. */
    Connection wrap(Connection connection) {
        return connection == null || connection instanceof ChaosConnection ? connection
                : new ChaosConnection(connection, this);
    }
}
