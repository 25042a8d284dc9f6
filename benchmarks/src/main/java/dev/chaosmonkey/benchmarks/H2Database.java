package dev.chaosmonkey.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An in-memory H2 database with a 100-row key/value table and one prepared point query, the "H2 executeQuery" call
 * of the benchmarks. Shared by the JMH states, the Spring peer and the startup probe so all measure the same call.
 */
public final class H2Database implements AutoCloseable {
    /** The measured statement. */
    public static final String QUERY = "SELECT v FROM kv WHERE k = ?";
    /** Rows in the table; keys are 0..ROWS-1. */
    public static final int ROWS = 100;

    private final Connection connection;
    private final PreparedStatement query;

    private H2Database(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE kv (k INT PRIMARY KEY, v INT NOT NULL)");
            ddl.execute("INSERT INTO kv SELECT x, x * 7 FROM SYSTEM_RANGE(0, " + (ROWS - 1) + ")");
        }
        this.query = connection.prepareStatement(QUERY);
    }

    /** Opens a fresh private in-memory database named {@code name}. */
    public static H2Database open(String name) throws SQLException {
        return new H2Database(DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"));
    }

    /** Opens the same database through {@code dataSource} (a Spring bean, possibly wrapped by chaos-spring). */
    public static H2Database open(javax.sql.DataSource dataSource) throws SQLException {
        return new H2Database(dataSource.getConnection());
    }

    /** Runs the prepared point query for {@code key} (taken modulo {@link #ROWS}) and returns the value. */
    public int lookup(int key) throws SQLException {
        query.setInt(1, Math.floorMod(key, ROWS));
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("no row for key " + key);
            }
            return rows.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement drop = connection.createStatement()) {
            drop.execute("SHUTDOWN");
        } finally {
            connection.close();
        }
    }
}
