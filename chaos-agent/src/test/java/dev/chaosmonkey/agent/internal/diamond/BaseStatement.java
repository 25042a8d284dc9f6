package dev.chaosmonkey.agent.internal.diamond;

/** A driver's own statement interface (JdbcTypesTest's diamond hierarchy). */
public interface BaseStatement extends java.sql.Statement {
}
