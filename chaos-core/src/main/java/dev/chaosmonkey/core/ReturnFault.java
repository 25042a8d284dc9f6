package dev.chaosmonkey.core;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.chaosmonkey.core.internal.Specs;

/**
 * Makes a woven method return at once with a value instead of running ({@code method} point only):
 * {@code return(null)}, {@code return(empty)} (an empty {@code List}, {@code Set}, {@code Map}, {@code Collection},
 * {@code Iterable}, {@code Optional}, {@code OptionalInt/Long/Double}, {@code Stream}, array or {@code ""}, whichever
 * the method returns), {@code return(true)}, {@code return(42)}, {@code return(0.5)} or {@code return("text")}. The
 * value is fitted to the method's return type when the call happens; when it does not fit (a {@code null} for an
 * {@code int}, a number for a {@code String}) the method runs normally and the mismatch is logged once. A
 * {@code void} method simply returns.
 */
public final class ReturnFault extends Fault {
    /** What {@link #valueFor(Class)} answers when the value does not fit the type: the method then runs. */
    public static final Object NO_VALUE = new Object();

    private final String text;
    private final boolean quoted;

    ReturnFault(String text, boolean quoted) {
        this.text = text;
        this.quoted = quoted;
    }

    /** Parses {@code return(null)}, {@code return(empty)}, {@code return(true)}, {@code return(42)}, {@code return("s")}. */
    static ReturnFault parse(FaultArgs args) {
        if (args.size() != 1 || args.get(0).key != null) {
            throw args.error(args.nameAt, "return takes one value: null, empty, true, false, a number or a"
                    + " quoted string, e.g. return(null)");
        }
        FaultArgs.Arg a = args.get(0);
        if (!a.quoted && !a.value.equals("null") && !a.value.equals("empty") && !a.value.equals("true")
                && !a.value.equals("false") && !isNumber(a.value)) {
            throw args.error(a.at, "'" + a.value + "' is not a return value (use null, empty, true, false, a number"
                    + " or a quoted string)");
        }
        return new ReturnFault(a.value, a.quoted);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The value for a method returning {@code type} ({@code void.class} for none: {@code null}), or
     * {@link #NO_VALUE} when this fault's value does not fit it.
     */
    public Object valueFor(Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (quoted) {
            return type.isAssignableFrom(String.class) ? text : NO_VALUE;
        }
        switch (text) {
            case "null":
                return type.isPrimitive() ? NO_VALUE : null;
            case "empty":
                return empty(type);
            case "true":
            case "false":
                return type == boolean.class || type == Boolean.class || type == Object.class
                        ? Boolean.valueOf(text) : NO_VALUE;
            default:
                return number(type);
        }
    }

    private static Object empty(Class<?> type) {
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        Object[] candidates = {List.of(), Set.of(), Map.of(), Optional.empty(), java.util.OptionalInt.empty(),
            java.util.OptionalLong.empty(), java.util.OptionalDouble.empty(), java.util.stream.Stream.empty(), ""};
        for (Object c : candidates) {
            if (type.isInstance(c) && type != Object.class) {
                return c;
            }
        }
        return type == Collection.class || type == Iterable.class ? List.of() : NO_VALUE;
    }

    private Object number(Class<?> type) {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        try {
            if (type == int.class || type == Integer.class) {
                return integral ? Integer.valueOf(text) : NO_VALUE;
            }
            if (type == long.class || type == Long.class) {
                return integral ? Long.valueOf(text) : NO_VALUE;
            }
            if (type == short.class || type == Short.class) {
                return integral ? Short.valueOf(text) : NO_VALUE;
            }
            if (type == byte.class || type == Byte.class) {
                return integral ? Byte.valueOf(text) : NO_VALUE;
            }
            if (type == double.class || type == Double.class) {
                return Double.valueOf(text);
            }
            if (type == float.class || type == Float.class) {
                return Float.valueOf(text);
            }
            if (type == java.math.BigDecimal.class || type == Number.class || type == Object.class) {
                return new java.math.BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            return NO_VALUE; // out of the type's range
        }
        return NO_VALUE;
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        // the woven method returns the value itself (valueFor); a caller that cannot do that proceeds
        return null;
    }

    @Override
    public String kind() {
        return "return";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point != InjectionPoint.METHOD) {
            throw new IllegalArgumentException(toSpec() + " only applies to the method point, not "
                    + point.specName());
        }
    }

    @Override
    public String toSpec() {
        return "return(" + (quoted ? Specs.quote(text) : text) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReturnFault && text.equals(((ReturnFault) o).text) && quoted == ((ReturnFault) o).quoted;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + (quoted ? 1 : 0);
    }
}
