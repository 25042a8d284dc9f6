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
    /** The class of the cause the thrown exception carries, or {@code null}. */
    private final String causeClassName;

    ExceptionFault(String className, String message) {
        this(className, message, null);
    }

    ExceptionFault(String className, String message, String causeClassName) {
        if (className != null && className.isBlank()) {
            throw new IllegalArgumentException("exception class name must not be blank");
        }
        this.className = className;
        this.message = message;
        this.causeClassName = causeClassName;
    }

    /**
     * Parses {@code exception}, {@code exception(class)}, {@code exception(class, "message")},
     * {@code exception("message")}, each optionally with a last argument {@code cause=<class>}.
     */
    static ExceptionFault parse(FaultArgs args) {
        String className = null;
        String message = null;
        String cause = null;
        java.util.List<FaultArgs.Arg> positional = new java.util.ArrayList<>();
        for (FaultArgs.Arg a : args.list) {
            if ("cause".equals(a.key)) {
                if (cause != null) {
                    throw args.error(a.at, "cause given twice");
                }
                if (a.quoted) {
                    throw args.error(a.at, "the cause class name must not be quoted");
                }
                cause = args.className(a);
            } else if (a.key != null) {
                throw args.error(a.at, "exception takes (class) or (class, \"message\") or (\"message\"), and"
                        + " optionally cause=<class>, not '" + a.key + "='");
            } else if (cause != null) {
                throw args.error(a.at, "cause=<class> comes last in exception(...)");
            } else {
                positional.add(a);
            }
        }
        if (positional.size() > 2) {
            throw args.error(positional.get(2).at,
                    "exception takes at most two arguments: a class name and a message");
        }
        if (positional.size() >= 1) {
            FaultArgs.Arg first = positional.get(0);
            if (first.quoted && positional.size() == 1) {
                message = first.value;
            } else if (first.quoted) {
                throw args.error(first.at, "the exception class name must not be quoted");
            } else {
                className = args.className(first);
            }
        }
        if (positional.size() == 2) {
            message = positional.get(1).value;
        }
        return new ExceptionFault(className, message, cause);
    }

    /** The exception class name, or {@code null} for the point's default. */
    public String className() {
        return className;
    }

    /** The class of the cause the thrown exception carries ({@code cause=}), or {@code null}. */
    public String causeClassName() {
        return causeClassName;
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
        Throwable thrown = rule.instantiate(name, message != null ? message
                : "chaos: exception injected by rule " + rule.id, loader);
        if (causeClassName != null) {
            Throwable cause = rule.instantiate(causeClassName, "chaos: cause injected by rule " + rule.id, loader);
            try {
                if (thrown.getCause() == null) {
                    thrown.initCause(cause);
                }
            } catch (IllegalStateException e) {
                // the class's constructor fixed its cause (to null): the cause goes where it can still be seen
                thrown.addSuppressed(cause);
            }
        }
        return thrown;
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
        if (className == null && message == null && causeClassName == null) {
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
        if (causeClassName != null) {
            sb.append(className != null || message != null ? ", " : "").append("cause=").append(causeClassName);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionFault && Objects.equals(className, ((ExceptionFault) o).className)
                && Objects.equals(message, ((ExceptionFault) o).message)
                && Objects.equals(causeClassName, ((ExceptionFault) o).causeClassName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, message, causeClassName);
    }
}
