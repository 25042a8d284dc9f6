package dev.chaosmonkey.core;

import java.util.Objects;

import dev.chaosmonkey.core.internal.Specs;
import dev.chaosmonkey.core.internal.SqlStates;

/**
 * Throws an exception from the call. The class is given by name so that types the core cannot see (JDBC, Kafka,
 * application exceptions) work too; it is resolved when the rule is armed, and arming fails if it is unknown.
 *
 * <p>Without a class, the point's default is used: {@code jdbc} {@code java.sql.SQLTransientConnectionException},
 * {@code http} {@code java.net.ConnectException}, {@code kafka}
 * {@code org.apache.kafka.common.errors.NetworkException}, otherwise {@link ChaosInjectedException}.
 *
 * <p>Injected {@code java.sql.SQLException}s carry a realistic SQLState ({@code 08001} for the {@code jdbc} default,
 * {@code HYT00} for {@code SQLTimeoutException}, ...; see {@link SqlStates}); a spec can set one and a vendor code:
 * {@code exception(java.sql.SQLException, "deadlock", sqlState=40001, vendorCode=1213)}.
 */
public final class ExceptionFault extends Fault {
    private final String className;
    private final String message;
    private final String sqlState;
    private final Integer vendorCode;

    ExceptionFault(String className, String message) {
        this(className, message, null, null);
    }

    private ExceptionFault(String className, String message, String sqlState, Integer vendorCode) {
        if (className != null && className.isBlank()) {
            throw new IllegalArgumentException("exception class name must not be blank");
        }
        if (sqlState != null) {
            SqlStates.checkSqlState(sqlState);
        }
        this.className = className;
        this.message = message;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    /**
     * The same fault throwing a {@code java.sql.SQLException} with this SQLState (spec: {@code sqlState=40001}).
     * Without one, injected SQLExceptions carry their class's default (see {@link SqlStates}), e.g. {@code 08001} for
     * the {@code jdbc} point's {@code SQLTransientConnectionException}.
     */
    public ExceptionFault withSqlState(String state) {
        return new ExceptionFault(className, message, Objects.requireNonNull(state, "state"), vendorCode);
    }

    /** The same fault throwing a {@code java.sql.SQLException} with this vendor code (spec: {@code vendorCode=1213}). */
    public ExceptionFault withVendorCode(int code) {
        return new ExceptionFault(className, message, sqlState, code);
    }

    /** The SQLState given for an injected {@code SQLException}, or {@code null} for the class's default. */
    public String sqlState() {
        return sqlState;
    }

    /** The vendor code given for an injected {@code SQLException}, or {@code null} (0). */
    public Integer vendorCode() {
        return vendorCode;
    }

    /** The exception class name, or {@code null} for the point's default. */
    public String className() {
        return className;
    }

    /** The message, or {@code null} for a generated one naming the rule. */
    public String message() {
        return message;
    }

    /** The default exception class for a point. */
    public static String defaultClassFor(InjectionPoint point) {
        switch (point) {
            case JDBC:
                return "java.sql.SQLTransientConnectionException";
            case HTTP:
                return "java.net.ConnectException";
            case KAFKA:
                return "org.apache.kafka.common.errors.NetworkException";
            default:
                return ChaosInjectedException.class.getName();
        }
    }

    @Override
    public String kind() {
        return "exception";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point == InjectionPoint.RESOURCE) {
            throw new IllegalArgumentException("exception faults need a call to fail; the resource point has none");
        }
        if ((sqlState != null || vendorCode != null) && className == null && point != InjectionPoint.JDBC) {
            throw new IllegalArgumentException("sqlState= and vendorCode= need a java.sql.SQLException class (or"
                    + " the jdbc point, whose default is one)");
        }
    }

    @Override
    public String toSpec() {
        if (className == null && message == null && sqlState == null && vendorCode == null) {
            return "exception";
        }
        StringBuilder sb = new StringBuilder("exception(");
        String separator = "";
        if (className != null) {
            sb.append(className);
            separator = ", ";
        }
        if (message != null) {
            sb.append(separator).append(Specs.quote(message));
            separator = ", ";
        }
        if (sqlState != null) {
            sb.append(separator).append("sqlState=").append(sqlState);
            separator = ", ";
        }
        if (vendorCode != null) {
            sb.append(separator).append("vendorCode=").append(vendorCode);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionFault && Objects.equals(className, ((ExceptionFault) o).className)
                && Objects.equals(message, ((ExceptionFault) o).message)
                && Objects.equals(sqlState, ((ExceptionFault) o).sqlState)
                && Objects.equals(vendorCode, ((ExceptionFault) o).vendorCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, message, sqlState, vendorCode);
    }
}
