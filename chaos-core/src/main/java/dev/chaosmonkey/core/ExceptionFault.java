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
    /** The class of the cause the thrown exception carries, or {@code null}. */
    private final String causeClassName;
    private final String sqlState;
    private final Integer vendorCode;

    ExceptionFault(String className, String message) {
        this(className, message, null, null, null);
    }

    ExceptionFault(String className, String message, String causeClassName) {
        this(className, message, causeClassName, null, null);
    }

    private ExceptionFault(String className, String message, String causeClassName, String sqlState,
            Integer vendorCode) {
        if (className != null && className.isBlank()) {
            throw new IllegalArgumentException("exception class name must not be blank");
        }
        if (sqlState != null) {
            SqlStates.checkSqlState(sqlState);
        }
        this.className = className;
        this.message = message;
        this.causeClassName = causeClassName;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    /**
     * The same fault throwing a {@code java.sql.SQLException} with this SQLState (spec: {@code sqlState=40001}).
     * Without one, injected SQLExceptions carry their class's default (see {@link SqlStates}), e.g. {@code 08001} for
     * the {@code jdbc} point's {@code SQLTransientConnectionException}.
     */
    public ExceptionFault withSqlState(String state) {
        return new ExceptionFault(className, message, causeClassName, Objects.requireNonNull(state, "state"),
                vendorCode);
    }

    /** The same fault throwing a {@code java.sql.SQLException} with this vendor code (spec: {@code vendorCode=1213}). */
    public ExceptionFault withVendorCode(int code) {
        return new ExceptionFault(className, message, causeClassName, sqlState, code);
    }

    /** The SQLState given for an injected {@code SQLException}, or {@code null} for the class's default. */
    @Override
    public String sqlState() {
        return sqlState;
    }

    /** The vendor code given for an injected {@code SQLException}, or {@code null} (0). */
    @Override
    public Integer vendorCode() {
        return vendorCode;
    }

    /**
     * Parses {@code exception}, {@code exception(class)}, {@code exception(class, "message")},
     * {@code exception("message")}, each optionally followed by {@code sqlState=<5 characters>},
     * {@code vendorCode=<int>} and, last, {@code cause=<class>}.
     */
    static ExceptionFault parse(FaultArgs args) {
        String className = null;
        String message = null;
        String cause = null;
        java.util.List<FaultArgs.Arg> positional = new java.util.ArrayList<>();
        FaultArgs.Arg sqlState = null;
        FaultArgs.Arg vendorCode = null;
        for (FaultArgs.Arg a : args.list) {
            if (a.key != null && !a.key.equals("cause") && cause != null) {
                throw args.error(a.at, "cause=<class> comes last in exception(...)");
            }
            if (a.key == null) {
                if (cause != null) {
                    throw args.error(a.at, "cause=<class> comes last in exception(...)");
                }
                if (sqlState != null || vendorCode != null) {
                    throw args.error(a.at, "exception's class and message come before sqlState= and vendorCode=");
                }
                positional.add(a);
            } else if (a.key.equals("cause")) {
                if (cause != null) {
                    throw args.error(a.at, "cause given twice");
                }
                if (a.quoted) {
                    throw args.error(a.at, "the cause class name must not be quoted");
                }
                cause = args.className(a);
            } else if (a.key.equals("sqlState") && sqlState == null) {
                sqlState = a;
            } else if (a.key.equals("vendorCode") && vendorCode == null) {
                vendorCode = a;
            } else {
                throw args.error(a.at, "exception takes (class), (class, \"message\") or (\"message\"), then"
                        + " optionally sqlState=<5 characters>, vendorCode=<int> and cause=<class> (last), not '"
                        + a.key + "='");
            }
        }
        if (positional.size() > 2) {
            throw args.error(positional.get(2).at, "exception takes at most two arguments: a class name and a message");
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
        ExceptionFault fault = new ExceptionFault(className, message, cause);
        if (sqlState != null) {
            try {
                fault = fault.withSqlState(sqlState.value);
            } catch (IllegalArgumentException e) {
                throw args.error(sqlState.at, e.getMessage());
            }
        }
        if (vendorCode != null) {
            try {
                fault = fault.withVendorCode(Integer.parseInt(vendorCode.value));
            } catch (NumberFormatException e) {
                throw args.error(vendorCode.at, "vendorCode must be an int, not '" + vendorCode.value + "'");
            }
        }
        return fault;
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
        if ((sqlState != null || vendorCode != null) && className == null && point != InjectionPoint.JDBC) {
            throw new IllegalArgumentException("sqlState= and vendorCode= need a java.sql.SQLException class (or"
                    + " the jdbc point, whose default is one)");
        }
    }

    @Override
    public String toSpec() {
        if (className == null && message == null && causeClassName == null && sqlState == null
                && vendorCode == null) {
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
            separator = ", ";
        }
        if (causeClassName != null) {
            sb.append(separator).append("cause=").append(causeClassName);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionFault && Objects.equals(className, ((ExceptionFault) o).className)
                && Objects.equals(message, ((ExceptionFault) o).message)
                && Objects.equals(causeClassName, ((ExceptionFault) o).causeClassName)
                && Objects.equals(sqlState, ((ExceptionFault) o).sqlState)
                && Objects.equals(vendorCode, ((ExceptionFault) o).vendorCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, message, causeClassName, sqlState, vendorCode);
    }
}
