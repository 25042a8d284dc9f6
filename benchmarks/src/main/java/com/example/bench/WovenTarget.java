package com.example.bench;

/**
 * The "trivial woven method" of the benchmarks: the agent weaves {@link #mix(int)} when a {@code method} rule names
 * this class, and Byteman's rule targets the same method. Kept tiny so the cost measured is the weaving's.
 *
 * <p>It stands for application code, so it lives outside {@code dev.chaosmonkey}: the agent never weaves its own
 * namespace.
 */
public final class WovenTarget {
    /** Fully qualified name, as rules and Byteman scripts spell it. */
    public static final String CLASS_NAME = "com.example.bench.WovenTarget";
    /** The method rules target. */
    public static final String METHOD_NAME = "mix";
    /** A method of the same class that no benchmark calls: the target of the non-matching method rule. */
    public static final String OTHER_METHOD_NAME = "unused";

    private int state = 17;

    /** One multiply-add over instance state, so the call cannot be folded away. */
    public int mix(int value) {
        state = state * 31 + value;
        return state;
    }

    /** Never called by the benchmarks; exists so a rule can name a method of this class that does not run. */
    public int unused(int value) {
        return value ^ state;
    }
}
