package dev.chaosmonkey.core.resource;

import java.util.Map;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Run in a forked JVM with a small heap by {@link MemoryLeakOutOfMemoryGuardTest}: arms a leak of the whole heap,
 * keeps allocating like a busy application for a few seconds and prints what the leak holds, one
 * {@code retained=<bytes> max=<bytes>} line per sample.
 *
 * <p>Arguments: the leak's extra spec arguments, e.g. {@code ""} or {@code ", allowOutOfMemory=true"}.
 */
public final class LeakGuardMain {
    private LeakGuardMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String extra = args.length > 0 ? args[0] : "";
        long max = Runtime.getRuntime().maxMemory();
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            monkey.enable();
            String id = monkey.arm("resource -> leak(cap=1.0" + extra + ") id=whole-heap");
            byte[][] churn = new byte[64][];
            for (int sample = 0; sample < 30; sample++) {
                for (int i = 0; i < 256; i++) {
                    churn[i % churn.length] = new byte[16 * 1024];
                }
                Map<String, Long> holdings = monkey.rule(id).orElseThrow().getHoldings();
                System.out.println("retained=" + holdings.get(MemoryLeakFault.BYTES_RETAINED) + " max=" + max);
                Thread.sleep(100);
            }
            monkey.disarm(id);
        }
        System.out.println("done");
    }
}
