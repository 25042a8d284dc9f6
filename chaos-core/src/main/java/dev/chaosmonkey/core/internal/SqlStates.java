package dev.chaosmonkey.core.internal;

import java.lang.reflect.Constructor;

/**
 * SQLStates and vendor codes of injected {@code java.sql.SQLException}s, so that code and frameworks that classify
 * failures by SQLState (Spring's translators, Hibernate, retry policies) see what a driver would report. Chaos-core
 * may be loaded by the bootstrap class loader, which cannot see {@code java.sql}: classes are recognised by the
 * names of their superclasses and built through reflection.
 *
 * <p>Default SQLState of each {@code java.sql} exception class (the nearest one among a class's superclasses):
 * {@code SQLTransientConnectionException} {@code 08001} (the database cannot be reached),
 * {@code SQLNonTransientConnectionException} and {@code SQLRecoverableException} {@code 08006} (connection failure),
 * {@code SQLTimeoutException} {@code HYT00}, {@code SQLTransactionRollbackException} {@code 40001} (serialization
 * failure), {@code SQLSyntaxErrorException} {@code 42000}, {@code SQLIntegrityConstraintViolationException}
 * {@code 23000}, {@code SQLDataException} {@code 22000}, {@code SQLInvalidAuthorizationSpecException} {@code 28000},
 * {@code SQLFeatureNotSupportedException} {@code 0A000}; none for others ({@code SQLException} itself) unless the
 * spec gives one.
 */
public final class SqlStates {
    private static final String SQL_EXCEPTION = "java.sql.SQLException";
    private static final String[][] DEFAULTS = {
        {"java.sql.SQLTransientConnectionException", "08001"},
        {"java.sql.SQLNonTransientConnectionException", "08006"},
        {"java.sql.SQLRecoverableException", "08006"},
        {"java.sql.SQLTimeoutException", "HYT00"},
        {"java.sql.SQLTransactionRollbackException", "40001"},
        {"java.sql.SQLSyntaxErrorException", "42000"},
        {"java.sql.SQLIntegrityConstraintViolationException", "23000"},
        {"java.sql.SQLDataException", "22000"},
        {"java.sql.SQLInvalidAuthorizationSpecException", "28000"},
        {"java.sql.SQLFeatureNotSupportedException", "0A000"},
    };

    private SqlStates() {
    }

    /**
     * Checks an SQLState given in a spec: five characters, digits and upper-case letters (SQL:2011 / X/Open).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void checkSqlState(String sqlState) {
        if (sqlState == null || !sqlState.matches("[0-9A-Z]{5}")) {
            throw new IllegalArgumentException("sqlState must be five digits or upper-case letters, e.g. 40001 or"
                    + " HYT00, not '" + sqlState + "'");
        }
    }

    /** Whether {@code type} is a {@code java.sql.SQLException}. */
    public static boolean isSqlException(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(SQL_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    /** The default SQLState for an SQLException class, or {@code null}. */
    public static String defaultSqlState(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (String[] entry : DEFAULTS) {
                if (entry[0].equals(c.getName())) {
                    return entry[1];
                }
            }
        }
        return null;
    }

    /**
     * Checks, when a rule is armed, that a spec's {@code sqlState=}/{@code vendorCode=} can be honoured by
     * {@code type}.
     *
     * @throws IllegalArgumentException naming the class and what it lacks
     */
    public static void checkCarrier(Class<?> type) {
        if (!isSqlException(type)) {
            throw new IllegalArgumentException("sqlState= and vendorCode= need a java.sql.SQLException class, and "
                    + type.getName() + " is not one");
        }
        if (constructor(type) == null) {
            throw new IllegalArgumentException("exception class '" + type.getName() + "' has no public constructor"
                    + " taking (String reason, String sqlState, int vendorCode), needed for sqlState= and vendorCode=");
        }
    }

    /**
     * Creates an SQLException of {@code type} carrying {@code sqlState} (or the class's default) and
     * {@code vendorCode} (or 0). Returns {@code null} when {@code type} is not an SQLException, when there is no state
     * or code to set, or when it has no {@code (String, String, int)} constructor: the caller then creates the
     * exception its usual way.
     */
    public static Throwable create(Class<? extends Throwable> type, String message, String sqlState,
            Integer vendorCode) {
        if (!isSqlException(type)) {
            return null;
        }
        String state = sqlState != null ? sqlState : defaultSqlState(type);
        if (state == null && vendorCode == null) {
            return null;
        }
        Constructor<?> c = constructor(type);
        if (c == null) {
            return null;
        }
        try {
            return (Throwable) c.newInstance(message, state, vendorCode == null ? 0 : vendorCode.intValue());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Constructor<?> constructor(Class<?> type) {
        try {
            return type.getConstructor(String.class, String.class, int.class);
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }
}
