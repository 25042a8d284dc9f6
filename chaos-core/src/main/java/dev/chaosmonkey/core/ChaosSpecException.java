package dev.chaosmonkey.core;

import dev.chaosmonkey.core.internal.LogText;

/**
 * A fault spec could not be parsed or armed. The message names the problem and, for syntax and value errors, the
 * 1-based line and column where it was found.
 */
public class ChaosSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String spec;
    private final int line;
    private final int column;
    private final String problem;

    /** Creates the exception for a problem at a position ({@code column} 0 when no position applies). */
    public ChaosSpecException(String spec, int line, int column, String problem) {
        super(format(spec, line, column, problem));
        this.spec = spec;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String spec, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder("invalid fault spec");
        if (line > 0) {
            sb.append(" at line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
        } else if (column > 0) {
            sb.append(" at column ").append(column);
        }
        sb.append(": ").append(LogText.safe(problem, 2 * LogText.MAX_INPUT)).append(" in: ").append(excerpt(spec, column));
        return sb.toString();
    }

    /**
     * The spec as quoted in the message: control characters escaped and at most a few hundred characters (around
     * the column when it lies further in), since specs come from JMX and files and may be hostile or huge.
     */
    private static String excerpt(String spec, int column) {
        if (spec == null) {
            return "null";
        }
        int max = LogText.MAX_INPUT;
        if (spec.length() <= max || column <= max - 50) {
            return LogText.safe(spec, max);
        }
        int from = Math.max(0, Math.min(column - 1 - max / 2, spec.length() - max));
        return "..." + LogText.safe(spec.substring(from, Math.min(spec.length(), from + max)), max)
                + (from + max < spec.length() ? "..." : "") + " (" + spec.length() + " chars)";
    }

    /** The spec text (the offending line for multi-line input). */
    public String spec() {
        return spec;
    }

    /** 1-based line for multi-line input, 0 for a single spec. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, 0 when the problem is not tied to a position. */
    public int column() {
        return column;
    }

    /** The problem without position and spec. */
    public String problem() {
        return problem;
    }

    /** The spec with a caret under the problem's column, for terminals. */
    public String caret() {
        return column <= 0 ? spec : spec + System.lineSeparator() + " ".repeat(column - 1) + '^';
    }
}
