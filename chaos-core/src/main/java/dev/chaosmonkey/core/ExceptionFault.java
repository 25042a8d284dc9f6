package dev.chaosmonkey.core;

import java.util.Objects;

import dev.chaosmonkey.core.internal.Specs;

/**
 * Throws an exception from the call. The class is given by name so that types the core cannot see (JDBC, Kafka,
 * application exceptions) work too; it is resolved when the rule is armed, and arming fails if it is unknown.
 *
 * <p>Without a class, the point's default is used: {@code jdbc} {@code java.sql.SQLTransientConnectionException},
 * {@code http} {@code java.net.ConnectException}, {@code kafka}
 * {@code org.apache.kafka.common.errors.NetworkException}, otherwise {@link ChaosInjectedException}.
 */
public final class ExceptionFault extends Fault {
    private final String className;
    private final String message;

    ExceptionFault(String className, String message) {
        if (className != null && className.isBlank()) {
            throw new IllegalArgumentException("exception class name must not be blank");
        }
        this.className = className;
        this.message = message;
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
    }

    @Override
    public String toSpec() {
        if (className == null && message == null) {
            return "exception";
        }
        StringBuilder sb = new StringBuilder("exception(");
        if (className != null) {
            sb.append(className);
        }
        if (message != null) {
            if (className != null) {
                sb.append(", ");
            }
            sb.append(Specs.quote(message));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionFault && Objects.equals(className, ((ExceptionFault) o).className)
                && Objects.equals(message, ((ExceptionFault) o).message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, message);
    }
}
