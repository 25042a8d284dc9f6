package dev.chaosmonkey.core;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.chaosmonkey.core.internal.Glob;
import dev.chaosmonkey.core.internal.Specs;

/**
 * Tests one attribute of a call, e.g. {@code host=inventory.*} or {@code sql~"(?i)from orders"}.
 *
 * <ul>
 *   <li>{@code =} / {@code !=}: whole-value glob ({@code *} any run, {@code ?} one character); for {@code port} an
 *   integer, for {@code key} {@code present} or {@code absent}.</li>
 *   <li>{@code ~} / {@code !~}: Java regular expression that must be found somewhere in the value
 *   ({@link Matcher#find()}); anchor with {@code ^...$} for a full match. Regexes are untrusted work on
 *   untrusted text: they see the first {@value #MAX_REGEX_INPUT} characters of the value and may read at most
 *   {@value #MAX_REGEX_STEPS} characters per call; a match that goes over the budget or overflows the stack counts
 *   as not matching and its rule is disarmed with one error log.</li>
 * </ul>
 * Cheap matchers (globs, literals, numbers) run before regular expressions.
 * HTTP {@code host}, {@code method} and {@code scheme} and DNS {@code host} compare case-insensitively; everything else
 * is case-sensitive.
 * A call whose attribute is unknown ({@code null}) matches only negated matchers.
 */
public final class AttributeMatcher {

    /** The comparison an attribute matcher makes. */
    public enum Operator {
        /** Glob equality. */
        EQUALS("="),
        /** Glob inequality. */
        NOT_EQUALS("!="),
        /** Regular expression found in the value. */
        REGEX("~"),
        /** Regular expression not found in the value. */
        NOT_REGEX("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in specs. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * Longest prefix of a value a regular expression is matched against: a regex sees at most the first this many
     * characters (an IN-list SQL statement can be megabytes long).
     */
    public static final int MAX_REGEX_INPUT = 8192;
    /**
     * Most characters a regular expression may read in one call (about a few milliseconds of matching). A match
     * that needs more, or that overflows the stack, is aborted: the call counts as not matching and the rule is
     * disarmed with one error log, so a catastrophic pattern such as {@code (a+)+\1b} never hangs or breaks the host.
     */
    public static final int MAX_REGEX_STEPS = 1_000_000;

    private final String attribute;
    private final Operator operator;
    private final String value;
    private final Pattern pattern;
    private final ThreadLocal<BoundedMatch> matchers;
    /** How a glob is compared: most globs are a literal or a literal with one leading or trailing {@code *}. */
    private final int globShape;
    private final String literal;

    private static final int GLOB_EXACT = 0;
    private static final int GLOB_PREFIX = 1;
    private static final int GLOB_SUFFIX = 2;
    private static final int GLOB_GENERAL = 3;

    private AttributeMatcher(String attribute, Operator operator, String value) {
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.value = Objects.requireNonNull(value, "value");
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            try {
                this.pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression for '" + attribute + "': "
                        + e.getDescription() + " near index " + e.getIndex());
            }
            // a Matcher per thread, reset per call: find() on a reused matcher does not allocate
            Pattern p = this.pattern;
            this.matchers = ThreadLocal.withInitial(() -> new BoundedMatch(p));
        } else {
            this.pattern = null;
            this.matchers = null;
        }
        int wildcards = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '*' || value.charAt(i) == '?') {
                wildcards++;
            }
        }
        if (wildcards == 0) {
            globShape = GLOB_EXACT;
            literal = value;
        } else if (wildcards == 1 && value.endsWith("*")) {
            globShape = GLOB_PREFIX;
            literal = value.substring(0, value.length() - 1);
        } else if (wildcards == 1 && value.startsWith("*")) {
            globShape = GLOB_SUFFIX;
            literal = value.substring(1);
        } else {
            globShape = GLOB_GENERAL;
            literal = value;
        }
    }

    /** The value when this is a case-sensitive {@code =} or {@code !=} without wildcards, else {@code null}. */
    String exactLiteral() {
        return globShape == GLOB_EXACT && (operator == Operator.EQUALS || operator == Operator.NOT_EQUALS)
                ? literal : null;
    }

    /** Whole-value glob match without allocating; literal shapes use the JDK's (intrinsic) string comparisons. */
    private boolean glob(String actual, boolean ignoreCase) {
        switch (globShape) {
            case GLOB_EXACT:
                return ignoreCase ? literal.equalsIgnoreCase(actual) : literal.equals(actual);
            case GLOB_PREFIX:
                return actual.regionMatches(ignoreCase, 0, literal, 0, literal.length());
            case GLOB_SUFFIX:
                return actual.regionMatches(ignoreCase, actual.length() - literal.length(), literal, 0,
                        literal.length());
            default:
                return Glob.matches(value, actual, ignoreCase);
        }
    }

    /** {@code attribute=glob}. */
    public static AttributeMatcher equalTo(String attribute, String glob) {
        return new AttributeMatcher(attribute, Operator.EQUALS, glob);
    }

    /** {@code attribute!=glob}. */
    public static AttributeMatcher notEqualTo(String attribute, String glob) {
        return new AttributeMatcher(attribute, Operator.NOT_EQUALS, glob);
    }

    /** {@code attribute~regex}. */
    public static AttributeMatcher regex(String attribute, String regex) {
        return new AttributeMatcher(attribute, Operator.REGEX, regex);
    }

    /** {@code attribute!~regex}. */
    public static AttributeMatcher notRegex(String attribute, String regex) {
        return new AttributeMatcher(attribute, Operator.NOT_REGEX, regex);
    }

    /** Creates a matcher from its parts. */
    public static AttributeMatcher of(String attribute, Operator operator, String value) {
        return new AttributeMatcher(attribute, operator, value);
    }

    /** The attribute tested. */
    public String attribute() {
        return attribute;
    }

    /** The comparison. */
    public Operator operator() {
        return operator;
    }

    /** The glob, regex or number compared against. */
    public String value() {
        return value;
    }

    /** Renders this matcher in spec syntax. */
    public String toSpec() {
        boolean regex = operator == Operator.REGEX || operator == Operator.NOT_REGEX;
        return attribute + operator.symbol + (regex ? Specs.quote(value) : Specs.value(value));
    }

    /** Checks the matcher is meaningful at a point. */
    void validateFor(InjectionPoint point) {
        int slot = point.slotOf(attribute);
        if (slot < 0) {
            throw new IllegalArgumentException("unknown attribute '" + attribute + "' for point " + point.specName()
                    + (point.attributes().isEmpty() ? " (it has no attributes)"
                            : " (known: " + String.join(", ", point.attributes()) + ")"));
        }
        if (slot == InjectionPoint.NUMERIC_SLOT) {
            if (operator != Operator.EQUALS && operator != Operator.NOT_EQUALS) {
                throw new IllegalArgumentException("attribute '" + attribute + "' supports only = and !=");
            }
            numericValue(point);
        }
    }

    /** The numeric comparison value: the port, or 1/0 for key present/absent. */
    long numericValue(InjectionPoint point) {
        if (point == InjectionPoint.KAFKA) {
            if (value.equals("present")) {
                return 1;
            }
            if (value.equals("absent")) {
                return 0;
            }
            throw new IllegalArgumentException("key must be 'present' or 'absent', was '" + value + "'");
        }
        try {
            long port = Long.parseLong(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number from 0 to 65535, was '" + value + "'");
        }
    }

    /** Tests a string attribute value; {@code null} means the call does not know it. */
    boolean test(String actual, boolean ignoreCase) {
        switch (operator) {
            case EQUALS:
                return actual != null && glob(actual, ignoreCase);
            case NOT_EQUALS:
                return actual == null || !glob(actual, ignoreCase);
            case REGEX:
                return actual != null && find(actual);
            default:
                return actual == null || !find(actual);
        }
    }

    /** Whether the regex is found in the value's first {@link #MAX_REGEX_INPUT} characters, within the budget. */
    private boolean find(String actual) {
        BoundedMatch m = matchers.get();
        try {
            return m.find(actual);
        } catch (Throwable t) {
            // StackOverflowError from a deeply recursive pattern, the step budget, anything else: never the host's
            m.clear();
            throw new Aborted(attribute + operator.symbol + Specs.quote(value) + " " + (t instanceof Aborted
                    ? t.getMessage() : "failed with " + t.getClass().getName()) + " on a " + actual.length()
                    + "-character value", t instanceof Aborted ? null : t);
        }
    }

    /** Matchers sorted so that cheap ones (globs, literals, numbers) run before regular expressions. */
    static AttributeMatcher[] cheapFirst(java.util.List<AttributeMatcher> matchers) {
        AttributeMatcher[] sorted = new AttributeMatcher[matchers.size()];
        int i = 0;
        for (AttributeMatcher m : matchers) {
            if (m.pattern == null) {
                sorted[i++] = m;
            }
        }
        for (AttributeMatcher m : matchers) {
            if (m.pattern != null) {
                sorted[i++] = m;
            }
        }
        return sorted;
    }

    /**
     * A regular expression gave up on a value (step budget, stack overflow); thrown to the engine, which treats
     * the call as not matching and disarms the rule. Never reaches the host.
     */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** One thread's matcher over a reusable, length-capped, step-counting view of the value. */
    private static final class BoundedMatch implements CharSequence {
        private final Matcher matcher;
        private String text = "";
        private int length;
        private int steps;

        BoundedMatch(Pattern pattern) {
            this.matcher = pattern.matcher(this);
        }

        boolean find(String actual) {
            text = actual;
            length = Math.min(actual.length(), MAX_REGEX_INPUT);
            steps = 0;
            matcher.reset(this);
            boolean found = matcher.find();
            clear();
            return found;
        }

        void clear() {
            text = "";
            length = 0;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_REGEX_STEPS) {
                throw new Aborted("exceeded its budget of " + MAX_REGEX_STEPS + " steps", null);
            }
            if (index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, Math.min(end, length));
        }

        @Override
        public String toString() {
            return text.substring(0, length);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AttributeMatcher)) {
            return false;
        }
        AttributeMatcher m = (AttributeMatcher) o;
        return attribute.equals(m.attribute) && operator == m.operator && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attribute, operator, value);
    }

    @Override
    public String toString() {
        return toSpec();
    }
}
