package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chaosmonkey.core.internal.Durations;

/**
 * The arguments of one fault in a spec, {@code name(arg, key=value, ...)}, with their positions, handed to the
 * fault's own parser ({@link FaultKinds}). Helpers turn a bad argument into an error at its column.
 */
final class FaultArgs {

    /** One argument: positional (key {@code null}) or named. */
    static final class Arg {
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

    private final SpecLexer lexer;
    final String name;
    /** Offset of the fault name. */
    final int nameAt;
    /** Offset of the closing parenthesis (the name's when there is none). */
    final int closeAt;
    final List<Arg> list;

    FaultArgs(SpecLexer lexer, String name, int nameAt, int closeAt, List<Arg> list) {
        this.lexer = lexer;
        this.name = name;
        this.nameAt = nameAt;
        this.closeAt = closeAt;
        this.list = list;
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    Arg get(int i) {
        return list.get(i);
    }

    ChaosSpecException error(int at, String problem) {
        return lexer.error(at, problem);
    }

    /** The arguments as a map, positional ones keyed {@code #0}, {@code #1}, ... (what resource faults read). */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        int index = 0;
        for (Arg a : list) {
            String key = a.key == null ? "#" + index++ : a.key;
            if (map.put(key, a.value) != null) {
                throw error(a.at, "argument '" + key + "' given twice");
            }
        }
        return map;
    }

    /** A non-negative duration. */
    Duration duration(Arg a, String what) {
        return duration(a.value, a.at, what);
    }

    Duration duration(String value, int at, String what) {
        return parseDuration(lexer, value, at, what);
    }

    static Duration parseDuration(SpecLexer lexer, String value, int at, String what) {
        if (value.startsWith("-")) {
            throw lexer.error(at, what + " must not be negative: " + value);
        }
        Duration d = Durations.parse(value);
        if (d == null) {
            throw lexer.error(at, "'" + value + "' is not a duration for " + what
                    + " (use a whole number with ms, s, m or h, e.g. 250ms)");
        }
        if (!Durations.fitsNanos(d)) {
            throw lexer.error(at, "'" + value + "' is too long for " + what + " (durations are at most "
                    + Durations.format(Durations.LONGEST) + ")");
        }
        return d;
    }

    /** Checks that an argument is a Java class name (not quoted). */
    String className(Arg a) {
        if (!a.value.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw error(a.at, "'" + a.value + "' is not a Java class name");
        }
        return a.value;
    }
}
