package dev.chaosmonkey.experiment;

import java.util.Locale;

/**
 * A comparator with its operand, as written in an experiment file: {@code equals: CLOSED}, {@code above: 100}.
 * Numeric operators compare numbers (an attribute that is not a number does not satisfy them); {@code equals} and
 * {@code notEquals} compare numerically when both sides are numbers, otherwise as text (case-insensitive).
 *
 * @param operator one of {@code equals}, {@code notEquals}, {@code above}, {@code below}, {@code atLeast},
 *        {@code atMost}
 * @param operand the value compared against
 */
public record Comparison(String operator, String operand) {
    /** The operator names, in the order errors list them. */
    public static final java.util.List<String> OPERATORS = java.util.List.of("equals", "notEquals", "above", "below",
            "atLeast", "atMost");

    /** Validates the operator, and that numeric operators have a number. */
    public Comparison {
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("unknown comparator '" + operator + "' (expected one of "
                    + String.join(", ", OPERATORS) + ")");
        }
        if (numericOnly(operator) && number(operand) == null) {
            throw new IllegalArgumentException(operator + " needs a number, was '" + operand + "'");
        }
    }

    private static boolean numericOnly(String operator) {
        return !operator.equals("equals") && !operator.equals("notEquals");
    }

    /** Whether {@code actual} satisfies the comparison. */
    public boolean test(Object actual) {
        if (actual == null) {
            return operator.equals("notEquals");
        }
        Double a = actual instanceof Number n ? Double.valueOf(n.doubleValue()) : number(actual.toString());
        Double b = number(operand);
        switch (operator) {
            case "equals":
                return a != null && b != null ? a.doubleValue() == b.doubleValue()
                        : actual.toString().trim().equalsIgnoreCase(operand.trim());
            case "notEquals":
                return a != null && b != null ? a.doubleValue() != b.doubleValue()
                        : !actual.toString().trim().equalsIgnoreCase(operand.trim());
            default:
                if (a == null || a.isNaN()) {
                    return false;
                }
                double x = a;
                double y = b;
                return switch (operator) {
                    case "above" -> x > y;
                    case "below" -> x < y;
                    case "atLeast" -> x >= y;
                    default -> x <= y;
                };
        }
    }

    /** For messages: {@code above 100}. */
    public String describe() {
        return operator + " " + operand;
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 40) {
            return null;
        }
        try {
            return Double.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
