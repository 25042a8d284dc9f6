package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.chaosmonkey.core.internal.Durations;
import dev.chaosmonkey.core.internal.Specs;

/**
 * The fault spec text format, used by the agent arguments, config files, JMX, the CLI, JUnit annotations and Spring
 * properties.
 *
 * <pre>
 * spec     := point { matcher } "-&gt;" fault { option }
 * point    := "jdbc" | "http" | "kafka" | "method" | "custom" | "resource"
 * matcher  := attribute ( "=" | "!=" | "~" | "!~" ) value
 * fault    := name [ "(" [ arg { "," arg } ] ")" ]
 * arg      := value | key "=" value
 * option   := "p=" number | "every=" n | "first=" n | "seed=" n | "max=" n
 *           | "after=" duration | "for=" duration | "dry-run" | "id=" name
 * value    := word | "double-quoted string"          (escape " and \ with \)
 * duration := integer ( "ms" | "s" | "m" | "h" )
 * </pre>
 *
 * Example: {@code jdbc sql~"(?i)select .* from orders" -> exception(java.sql.SQLTransientConnectionException, "db down") p=0.3 for=5m}
 *
 * <p>Errors are {@link ChaosSpecException}s naming the column and the problem. {@link #parseAll(String)} parses a
 * file of specs (one per line, {@code #} comments) all-or-nothing.
 */
public final class FaultSpec {
    private final String text;
    private int pos;

    private FaultSpec(String text) {
        this.text = text;
    }

    /** Parses one spec. */
    public static ChaosRule parse(String spec) {
        if (spec == null) {
            throw new ChaosSpecException("", 0, 0, "spec is null");
        }
        return new FaultSpec(spec).parseRule(0);
    }

    /** Parses one spec per non-blank line; {@code #} starts a comment. Fails on the first bad line. */
    public static List<ChaosRule> parseAll(String text) {
        List<ChaosRule> rules = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (!line.isBlank()) {
                rules.add(new FaultSpec(line).parseRule(i + 1));
            }
        }
        return rules;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    private static final int EOF = 0;
    private static final int WORD = 1;
    private static final int STRING = 2;
    private static final int SYMBOL = 3;

    private int tokType;
    private String tokText;
    private int tokStart;
    private int line;

    private ChaosSpecException error(int at, String problem) {
        return new ChaosSpecException(text, line, at + 1, problem);
    }

    private void next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        tokStart = pos;
        if (pos >= text.length()) {
            tokType = EOF;
            tokText = "end of spec";
            return;
        }
        char c = text.charAt(pos);
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error(tokStart, "unterminated string (missing closing \")");
                }
                char d = text.charAt(pos++);
                if (d == '"') {
                    break;
                }
                if (d == '\\') {
                    if (pos >= text.length()) {
                        throw error(tokStart, "unterminated string (missing closing \")");
                    }
                    char e = text.charAt(pos++);
                    if (e != '"' && e != '\\') {
                        throw error(pos - 2, "unknown escape '\\" + e + "' (only \\\" and \\\\ are allowed;"
                                + " regex backslashes are written \\\\)");
                    }
                    sb.append(e);
                } else {
                    sb.append(d);
                }
            }
            tokType = STRING;
            tokText = sb.toString();
            return;
        }
        if (text.startsWith("->", pos)) {
            pos += 2;
            tokType = SYMBOL;
            tokText = "->";
            return;
        }
        if (text.startsWith("!=", pos) || text.startsWith("!~", pos)) {
            tokType = SYMBOL;
            tokText = text.substring(pos, pos + 2);
            pos += 2;
            return;
        }
        if ("=~(),".indexOf(c) >= 0) {
            pos++;
            tokType = SYMBOL;
            tokText = String.valueOf(c);
            return;
        }
        if (Specs.isWordChar(c)) {
            int start = pos;
            while (pos < text.length() && Specs.isWordChar(text.charAt(pos)) && !text.startsWith("->", pos)) {
                pos++;
            }
            tokType = WORD;
            tokText = text.substring(start, pos);
            return;
        }
        throw error(pos, "unexpected character '" + c + "'");
    }

    private String describe() {
        switch (tokType) {
            case EOF:
                return "end of spec";
            case STRING:
                return "string \"" + tokText + "\"";
            default:
                return "'" + tokText + "'";
        }
    }

    private boolean isSymbol(String s) {
        return tokType == SYMBOL && tokText.equals(s);
    }

    private void expectSymbol(String s, String context) {
        if (!isSymbol(s)) {
            throw error(tokStart, "expected '" + s + "' " + context + " but found " + describe());
        }
        next();
    }

    // ---- grammar --------------------------------------------------------------------------------------------

    private ChaosRule parseRule(int lineNumber) {
        this.line = lineNumber;
        next();
        if (tokType == EOF) {
            throw error(0, "empty spec (expected an injection point such as jdbc, http, kafka, method, custom)");
        }
        if (tokType != WORD) {
            throw error(tokStart, "expected an injection point but found " + describe());
        }
        InjectionPoint point = InjectionPoint.bySpecName(tokText);
        if (point == null) {
            throw error(tokStart, "unknown injection point '" + tokText
                    + "' (expected jdbc, http, kafka, method, custom or resource)");
        }
        ChaosRule.Builder b = ChaosRule.on(point);
        next();
        while (!isSymbol("->")) {
            if (tokType == EOF) {
                throw error(tokStart, "missing '->' and a fault after the point and matchers");
            }
            parseMatcher(point, b);
        }
        next();
        if (tokType == EOF) {
            throw error(tokStart, "missing fault after '->' (e.g. exception, delay(200ms), timeout(5s), status(503))");
        }
        int faultStart = tokStart;
        b.fault(parseFault(point));
        Set<String> seen = new HashSet<>();
        while (tokType != EOF) {
            parseOption(b, seen);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw error(faultStart, e.getMessage());
        }
    }

    private void parseMatcher(InjectionPoint point, ChaosRule.Builder b) {
        if (tokType != WORD) {
            throw error(tokStart, "expected an attribute matcher (e.g. host=example.org) or '->' but found "
                    + describe());
        }
        String attribute = tokText;
        int attrStart = tokStart;
        if (point.slotOf(attribute) < 0) {
            throw error(attrStart, "unknown attribute '" + attribute + "' for point " + point.specName()
                    + (point.attributes().isEmpty() ? " (it has no attributes)"
                            : " (known: " + String.join(", ", point.attributes()) + ")"));
        }
        next();
        AttributeMatcher.Operator op = null;
        for (AttributeMatcher.Operator o : AttributeMatcher.Operator.values()) {
            if (isSymbol(o.symbol())) {
                op = o;
            }
        }
        if (op == null) {
            throw error(tokStart, "expected =, !=, ~ or !~ after '" + attribute + "' but found " + describe());
        }
        next();
        if (tokType != WORD && tokType != STRING) {
            throw error(tokStart, "expected a value for '" + attribute + "' but found " + describe());
        }
        int valueStart = tokStart;
        try {
            AttributeMatcher m = AttributeMatcher.of(attribute, op, tokText);
            m.validateFor(point);
            b.where(m);
        } catch (IllegalArgumentException e) {
            throw error(valueStart, e.getMessage());
        }
        next();
    }

    /** One fault argument: positional (key null) or named. */
    private static final class Arg {
        final String key;
        final String value;
        final boolean quoted;
        final int at;

        Arg(String key, String value, boolean quoted, int at) {
            this.key = key;
            this.value = value;
            this.quoted = quoted;
            this.at = at;
        }
    }

    private Fault parseFault(InjectionPoint point) {
        if (tokType != WORD) {
            throw error(tokStart, "expected a fault name but found " + describe());
        }
        String name = tokText;
        int nameStart = tokStart;
        next();
        List<Arg> args = new ArrayList<>();
        int close = nameStart;
        if (isSymbol("(")) {
            next();
            if (!isSymbol(")")) {
                while (true) {
                    args.add(parseArg());
                    if (isSymbol(",")) {
                        next();
                        continue;
                    }
                    if (isSymbol(")")) {
                        break;
                    }
                    throw error(tokStart, "expected ',' or ')' in " + name + "(...) but found " + describe());
                }
            }
            close = tokStart;
            next();
        }
        try {
            return buildFault(point, name, nameStart, args, close);
        } catch (ChaosSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(nameStart, e.getMessage());
        }
    }

    private Arg parseArg() {
        int at = tokStart;
        if (tokType == WORD) {
            String word = tokText;
            next();
            if (isSymbol("=")) {
                next();
                if (tokType != WORD && tokType != STRING) {
                    throw error(tokStart, "expected a value for '" + word + "' but found " + describe());
                }
                Arg a = new Arg(word, tokText, tokType == STRING, at);
                next();
                return a;
            }
            return new Arg(null, word, false, at);
        }
        if (tokType == STRING) {
            Arg a = new Arg(null, tokText, true, at);
            next();
            return a;
        }
        throw error(tokStart, "expected a fault argument but found " + describe());
    }

    private Fault buildFault(InjectionPoint point, String name, int nameStart, List<Arg> args, int close) {
        switch (name) {
            case "exception":
                return exceptionFault(args, close);
            case "delay":
                return delayFault(args, nameStart);
            case "timeout":
                return timeoutFault(args, nameStart);
            case "status":
                if (args.isEmpty() || args.size() > 2 || args.get(0).key != null
                        || (args.size() == 2 && !"body".equals(args.get(1).key))) {
                    throw error(args.size() == 2 ? args.get(1).at : nameStart, "status takes an HTTP status code"
                            + " and optionally a body, e.g. status(503) or status(503, body=\"inventory down\")");
                }
                HttpStatusFault status;
                try {
                    status = Fault.httpStatus(Integer.parseInt(args.get(0).value));
                } catch (NumberFormatException e) {
                    throw error(args.get(0).at, "'" + args.get(0).value + "' is not an HTTP status code");
                } catch (IllegalArgumentException e) {
                    throw error(args.get(0).at, e.getMessage());
                }
                return args.size() == 2 ? status.withBody(args.get(1).value) : status;
            default:
                Fault resource = ResourceFaults.parse(name, toArgumentMap(args, nameStart));
                if (resource != null) {
                    return resource;
                }
                throw error(nameStart, "unknown fault '" + name + "' (expected exception, delay, timeout, status"
                        + ResourceFaults.namesForError() + ")");
        }
    }

    private java.util.Map<String, String> toArgumentMap(List<Arg> args, int nameStart) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        int index = 0;
        for (Arg a : args) {
            String key = a.key == null ? "#" + index++ : a.key;
            if (map.put(key, a.value) != null) {
                throw error(a.at, "argument '" + key + "' given twice");
            }
        }
        return map;
    }

    private Fault exceptionFault(List<Arg> args, int close) {
        String className = null;
        String message = null;
        List<Arg> positional = new ArrayList<>();
        Arg sqlState = null;
        Arg vendorCode = null;
        for (Arg a : args) {
            if (a.key == null) {
                if (sqlState != null || vendorCode != null) {
                    throw error(a.at, "exception's class and message come before sqlState= and vendorCode=");
                }
                positional.add(a);
            } else if (a.key.equals("sqlState") && sqlState == null) {
                sqlState = a;
            } else if (a.key.equals("vendorCode") && vendorCode == null) {
                vendorCode = a;
            } else {
                throw error(a.at, "exception takes (class), (class, \"message\") or (\"message\"), then optionally"
                        + " sqlState=<5 characters> and vendorCode=<int>, not '" + a.key + "='");
            }
        }
        if (positional.size() > 2) {
            throw error(positional.get(2).at, "exception takes at most two arguments: a class name and a message");
        }
        if (positional.size() >= 1) {
            Arg first = positional.get(0);
            if (first.quoted && positional.size() == 1) {
                message = first.value;
            } else if (first.quoted) {
                throw error(first.at, "the exception class name must not be quoted");
            } else {
                checkClassName(first);
                className = first.value;
            }
        }
        if (positional.size() == 2) {
            message = positional.get(1).value;
        }
        ExceptionFault fault = Fault.exception(className, message);
        if (sqlState != null) {
            try {
                fault = fault.withSqlState(sqlState.value);
            } catch (IllegalArgumentException e) {
                throw error(sqlState.at, e.getMessage());
            }
        }
        if (vendorCode != null) {
            try {
                fault = fault.withVendorCode(Integer.parseInt(vendorCode.value));
            } catch (NumberFormatException e) {
                throw error(vendorCode.at, "vendorCode must be an int, not '" + vendorCode.value + "'");
            }
        }
        return fault;
    }

    private void checkClassName(Arg a) {
        if (!a.value.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw error(a.at, "'" + a.value + "' is not a Java class name");
        }
    }

    private Duration duration(Arg a, String what) {
        return duration(a.value, a.at, what);
    }

    private Duration duration(String value, int at, String what) {
        if (value.startsWith("-")) {
            throw error(at, what + " must not be negative: " + value);
        }
        Duration d = Durations.parse(value);
        if (d == null) {
            throw error(at, "'" + value + "' is not a duration for " + what
                    + " (use a whole number with ms, s, m or h, e.g. 250ms)");
        }
        return d;
    }

    private Fault delayFault(List<Arg> args, int nameStart) {
        if (args.isEmpty()) {
            throw error(nameStart, "delay needs a duration, e.g. delay(200ms), delay(100ms..500ms)"
                    + " or delay(200ms, jitter=50ms)");
        }
        Arg first = args.get(0);
        if (first.key != null) {
            throw error(first.at, "delay's first argument is the delay, e.g. delay(200ms)");
        }
        if (args.size() > 2) {
            throw error(args.get(2).at, "delay takes at most two arguments");
        }
        if (args.size() == 2) {
            Arg second = args.get(1);
            if (!"jitter".equals(second.key)) {
                throw error(second.at, "delay's second argument must be jitter=<duration>");
            }
            return Fault.delayWithJitter(duration(first, "delay"), duration(second, "jitter"));
        }
        int range = first.value.indexOf("..");
        if (range >= 0) {
            Duration min = duration(first.value.substring(0, range), first.at, "delay range minimum");
            Duration max = duration(first.value.substring(range + 2), first.at + range + 2, "delay range maximum");
            return Fault.delay(min, max);
        }
        return Fault.delay(duration(first, "delay"));
    }

    private Fault timeoutFault(List<Arg> args, int nameStart) {
        if (args.isEmpty() || args.size() > 2) {
            throw error(nameStart, "timeout takes a bound and optionally an exception class,"
                    + " e.g. timeout(5s) or timeout(5s, java.net.SocketTimeoutException)");
        }
        Duration bound = duration(args.get(0), "timeout");
        if (bound.isZero()) {
            throw error(args.get(0).at, "timeout bound must be positive");
        }
        String cls = null;
        if (args.size() == 2) {
            checkClassName(args.get(1));
            cls = args.get(1).value;
        }
        return Fault.timeout(bound, cls);
    }

    private void parseOption(ChaosRule.Builder b, Set<String> seen) {
        if (tokType != WORD) {
            throw error(tokStart, "expected an option (p=, every=, first=, seed=, max=, after=, for=, dry-run, id=)"
                    + " but found " + describe());
        }
        String name = tokText;
        int at = tokStart;
        if (!seen.add(name)) {
            throw error(at, "option '" + name + "' given twice");
        }
        next();
        if (name.equals("dry-run")) {
            b.dryRun(true);
            return;
        }
        if (!isSymbol("=")) {
            if (!List.of("p", "every", "first", "seed", "max", "after", "for", "id").contains(name)) {
                throw error(at, "unknown option '" + name
                        + "' (expected p=, every=, first=, seed=, max=, after=, for=, dry-run or id=)");
            }
            throw error(tokStart, "expected '=' after option '" + name + "' but found " + describe());
        }
        next();
        if (tokType != WORD) {
            throw error(tokStart, "expected a value for option '" + name + "' but found " + describe());
        }
        String value = tokText;
        int valueAt = tokStart;
        next();
        switch (name) {
            case "p":
                double p;
                try {
                    p = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw error(valueAt, "p must be a number between 0 and 1, was '" + value + "'");
                }
                if (!(p >= 0 && p <= 1) || value.contains("e") || value.contains("E")) {
                    throw error(valueAt, "p must be a number between 0 and 1, was '" + value + "'");
                }
                b.probability(p);
                break;
            case "every":
                b.everyNth(positive(value, valueAt, name));
                break;
            case "first":
                b.firstN(positive(value, valueAt, name));
                break;
            case "max":
                b.maxInjections(positive(value, valueAt, name));
                break;
            case "seed":
                try {
                    b.seed(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw error(valueAt, "seed must be a whole number, was '" + value + "'");
                }
                break;
            case "after":
                b.startAfter(duration(value, valueAt, "after"));
                break;
            case "for":
                Duration d = duration(value, valueAt, "for");
                if (d.isZero()) {
                    throw error(valueAt, "for must be positive");
                }
                b.duration(d);
                break;
            case "id":
                b.id(value);
                break;
            default:
                throw error(at, "unknown option '" + name
                        + "' (expected p=, every=, first=, seed=, max=, after=, for=, dry-run or id=)");
        }
    }

    private long positive(String value, int at, String name) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(at, name + " must be a whole number of at least 1, was '" + value + "'");
    }
}
