package dev.chaosmonkey.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 *
 * <p>This class is the grammar only: tokens come from {@link SpecLexer}, each fault parses its own arguments (the
 * table is {@link FaultKinds}), and options are the {@link RuleOption} table.
 */
public final class FaultSpec {
    private final SpecLexer lx;

    private FaultSpec(String text, int line) {
        this.lx = new SpecLexer(text, line);
    }

    /** Parses one spec. */
    public static ChaosRule parse(String spec) {
        if (spec == null) {
            throw new ChaosSpecException("", 0, 0, "spec is null");
        }
        return new FaultSpec(spec, 0).parseRule();
    }

    /** Parses one spec per non-blank line; {@code #} starts a comment. Fails on the first bad line. */
    public static List<ChaosRule> parseAll(String text) {
        List<ChaosRule> rules = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (!line.isBlank()) {
                rules.add(new FaultSpec(line, i + 1).parseRule());
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

    private ChaosRule parseRule() {
        lx.next();
        if (lx.type == SpecLexer.EOF) {
            throw lx.error(0, "empty spec (expected an injection point such as jdbc, http, kafka, method, custom)");
        }
        if (lx.type != SpecLexer.WORD) {
            throw lx.error(lx.start, "expected an injection point but found " + lx.describe());
        }
        InjectionPoint point = InjectionPoint.bySpecName(lx.token);
        if (point == null) {
            throw lx.error(lx.start, "unknown injection point '" + lx.token
                    + "' (expected " + InjectionPoint.specNames() + ")");
        }
        ChaosRule.Builder b = ChaosRule.on(point);
        lx.next();
        while (!lx.isSymbol("->")) {
            if (lx.type == SpecLexer.EOF) {
                throw lx.error(lx.start, "missing '->' and a fault after the point and matchers");
            }
            parseMatcher(point, b);
        }
        lx.next();
        if (lx.type == SpecLexer.EOF) {
            throw lx.error(lx.start,
                    "missing fault after '->' (e.g. exception, delay(200ms), timeout(5s), status(503))");
        }
        int faultStart = lx.start;
        b.fault(parseFault());
        Set<RuleOption> seen = new HashSet<>();
        while (lx.type != SpecLexer.EOF) {
            parseOption(b, seen);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw lx.error(faultStart, e.getMessage());
        }
    }

    private void parseMatcher(InjectionPoint point, ChaosRule.Builder b) {
        if (lx.type != SpecLexer.WORD) {
            throw lx.error(lx.start, "expected an attribute matcher (e.g. host=example.org) or '->' but found "
                    + lx.describe());
        }
        String attribute = lx.token;
        int attrStart = lx.start;
        if (point.slotOf(attribute) < 0) {
            throw lx.error(attrStart, "unknown attribute '" + attribute + "' for point " + point.specName()
                    + (point.attributes().isEmpty() ? " (it has no attributes)"
                            : " (known: " + String.join(", ", point.attributes()) + ")"));
        }
        lx.next();
        AttributeMatcher.Operator op = null;
        for (AttributeMatcher.Operator o : AttributeMatcher.Operator.values()) {
            if (lx.isSymbol(o.symbol())) {
                op = o;
            }
        }
        if (op == null) {
            throw lx.error(lx.start, "expected =, !=, ~ or !~ after '" + attribute + "' but found " + lx.describe());
        }
        lx.next();
        if (!lx.isValue()) {
            throw lx.error(lx.start, "expected a value for '" + attribute + "' but found " + lx.describe());
        }
        int valueStart = lx.start;
        try {
            AttributeMatcher m = AttributeMatcher.of(attribute, op, lx.token);
            m.validateFor(point);
            b.where(m);
        } catch (IllegalArgumentException e) {
            throw lx.error(valueStart, e.getMessage());
        }
        lx.next();
    }

    private Fault parseFault() {
        if (lx.type != SpecLexer.WORD) {
            throw lx.error(lx.start, "expected a fault name but found " + lx.describe());
        }
        String name = lx.token;
        int nameStart = lx.start;
        lx.next();
        List<FaultArgs.Arg> args = new ArrayList<>();
        int close = nameStart;
        if (lx.isSymbol("(")) {
            lx.next();
            if (!lx.isSymbol(")")) {
                while (true) {
                    args.add(parseArg());
                    if (lx.isSymbol(",")) {
                        lx.next();
                        continue;
                    }
                    if (lx.isSymbol(")")) {
                        break;
                    }
                    throw lx.error(lx.start, "expected ',' or ')' in " + name + "(...) but found " + lx.describe());
                }
            }
            close = lx.start;
            lx.next();
        }
        FaultKinds.Parser parser = FaultKinds.parser(name);
        if (parser == null) {
            throw lx.error(nameStart, "unknown fault '" + name + "' (expected " + FaultKinds.names() + ")");
        }
        try {
            return parser.parse(new FaultArgs(lx, name, nameStart, close, args));
        } catch (ChaosSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw lx.error(nameStart, e.getMessage());
        }
    }

    private FaultArgs.Arg parseArg() {
        int at = lx.start;
        if (lx.type == SpecLexer.WORD) {
            String word = lx.token;
            lx.next();
            if (lx.isSymbol("=")) {
                lx.next();
                if (!lx.isValue()) {
                    throw lx.error(lx.start, "expected a value for '" + word + "' but found " + lx.describe());
                }
                FaultArgs.Arg a = new FaultArgs.Arg(word, lx.token, lx.type == SpecLexer.STRING, at);
                lx.next();
                return a;
            }
            return new FaultArgs.Arg(null, word, false, at);
        }
        if (lx.type == SpecLexer.STRING) {
            FaultArgs.Arg a = new FaultArgs.Arg(null, lx.token, true, at);
            lx.next();
            return a;
        }
        throw lx.error(lx.start, "expected a fault argument but found " + lx.describe());
    }

    private void parseOption(ChaosRule.Builder b, Set<RuleOption> seen) {
        if (lx.type != SpecLexer.WORD) {
            throw lx.error(lx.start, "expected an option (" + RuleOption.expected(", ") + ") but found "
                    + lx.describe());
        }
        String name = lx.token;
        int at = lx.start;
        RuleOption option = RuleOption.bySpecName(name);
        if (option != null && !seen.add(option)) {
            throw lx.error(at, "option '" + name + "' given twice");
        }
        lx.next();
        if (option != null && !option.takesValue()) {
            option.apply(lx, b, null, at);
            return;
        }
        if (!lx.isSymbol("=")) {
            if (option == null) {
                throw lx.error(at, "unknown option '" + name + "' (expected " + RuleOption.expected(" or ") + ")");
            }
            throw lx.error(lx.start, "expected '=' after option '" + name + "' but found " + lx.describe());
        }
        if (option == null) {
            throw lx.error(at, "unknown option '" + name + "' (expected " + RuleOption.expected(" or ") + ")");
        }
        lx.next();
        if (lx.type != SpecLexer.WORD) {
            throw lx.error(lx.start, "expected a value for option '" + name + "' but found " + lx.describe());
        }
        String value = lx.token;
        int valueAt = lx.start;
        lx.next();
        option.apply(lx, b, value, valueAt);
    }
}
