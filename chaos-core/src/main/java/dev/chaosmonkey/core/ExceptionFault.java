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

    /** Parses {@code exception}, {@code exception(class)}, {@code exception(class, "message")}, {@code exception("message")}. */
    static ExceptionFault parse(FaultArgs args) {
        String className = null;
        String message = null;
        for (FaultArgs.Arg a : args.list) {
            if (a.key != null) {
                throw args.error(a.at, "exception takes (class) or (class, \"message\") or (\"message\"), not '"
                        + a.key + "='");
            }
        }
        if (args.size() > 2) {
            throw args.error(args.get(2).at, "exception takes at most two arguments: a class name and a message");
        }
        if (args.size() >= 1) {
            FaultArgs.Arg first = args.get(0);
            if (first.quoted && args.size() == 1) {
                message = first.value;
            } else if (first.quoted) {
                throw args.error(first.at, "the exception class name must not be quoted");
            } else {
                className = args.className(first);
            }
        }
        if (args.size() == 2) {
            message = args.get(1).value;
        }
        return new ExceptionFault(className, message);
    }

    /** The exception class name, or {@code null} for the point's default. */
    public String className() {
        return className;
    }

    /** The message, or {@code null} for a generated one naming the rule. */
    public String message() {
        return message;
    }

    /**
     * The default exception class for a point.
     *
     * @deprecated the defaults live on the point: use {@link InjectionPoint#defaultExceptionClass()}
     */
    @Deprecated
    public static String defaultClassFor(InjectionPoint point) {
        return point.defaultExceptionClass();
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return newThrowable(rule, loader, defaultClassName);
    }

    @Override
    Throwable newThrowable(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        String name = className != null ? className
                : defaultClassName != null ? defaultClassName : rule.point().defaultExceptionClass();
        return rule.instantiate(name, message != null ? message : "chaos: exception injected by rule " + rule.id,
                loader);
    }

    @Override
    public String explicitExceptionClass() {
        return className;
    }

    @Override
    public boolean failsCall() {
        return true;
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
