package dev.chaosmonkey.agent;

import com.example.shop.Inventory;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Arms a method rule through its own chaos-core as the first thing {@code main} does, with the agent attached and
 * nothing in its options, and calls the method once: {@code METHOD FAIL <exception>} when that first call was
 * faulted, {@code METHOD OK ...} when it ran unwoven.
 */
public final class ArmAtOnceApp {
    private ArmAtOnceApp() {
    }

    public static void main(String[] args) throws Exception {
        ChaosMonkey monkey = ChaosMonkey.global();
        monkey.enable();
        monkey.arm("method class=com.example.shop.Inventory method=reserve -> exception(java.lang.IllegalStateException,"
                + " \"at once\")");
        try {
            System.out.println("METHOD OK " + new Inventory().reserve(1));
        } catch (RuntimeException e) {
            System.out.println("METHOD FAIL " + e);
        }
        System.out.println("DONE");
    }
}
