package dev.chaosmonkey.spring;

import dev.chaosmonkey.core.ChaosSpecException;

/**
 * A rule of {@code chaos.rules} does not parse or cannot be armed; start-up fails with it (unless
 * {@code chaos.fail-on-invalid-rules=false}) and no rule of {@code chaos.rules} is armed.
 */
public class InvalidChaosRulesException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String spec;

    /**
     * @param index position of the bad rule in {@code chaos.rules} ({@code -1} when the problem concerns all of them)
     * @param spec the bad spec, or {@code null}
     * @param cause the positioned spec error
     */
    public InvalidChaosRulesException(int index, String spec, IllegalArgumentException cause) {
        super((index >= 0 ? "chaos.rules[" + index + "]: " : "chaos.rules: ") + cause.getMessage(), cause);
        this.index = index;
        this.spec = spec;
    }

    /** Position of the bad rule in {@code chaos.rules}, or {@code -1}. */
    public int index() {
        return index;
    }

    /** The bad spec, or {@code null}. */
    public String spec() {
        return spec;
    }

    /** The column of the problem in the spec when the parser named one, else {@code -1}. */
    public int column() {
        return getCause() instanceof ChaosSpecException ? ((ChaosSpecException) getCause()).column() : -1;
    }
}
