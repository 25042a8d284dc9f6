package com.example.shop;

/** Application code no built-in instrumentation covers: the target of {@code method} rules in tests. */
public class Inventory {
    private int reserved;

    /** Reserves items; returns the total reserved. */
    public int reserve(int count) {
        reserved += count;
        return reserved;
    }

    /** Items reserved so far. */
    public int reserved() {
        return reserved;
    }
}
