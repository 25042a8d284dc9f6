package dev.chaosmonkey.agent;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * An application with two copies of chaos-core, each loaded by its own class loader (args[0] is the chaos-core jar)
 * and each used ({@code ChaosMonkey.global()}). Prints {@code ALIVE bridge=<present|absent>} every 50 ms for at
 * most two minutes, {@code bridge} telling whether the agent's bridge is on the bootstrap class path.
 */
public final class TwoCoresApp {
    private TwoCoresApp() {
    }

    public static void main(String[] args) throws Exception {
        URL core = Path.of(args[0]).toUri().toURL();
        for (int i = 0; i < 2; i++) {
            ClassLoader loader = new URLClassLoader("copy-" + i, new URL[] {core},
                    ClassLoader.getPlatformClassLoader());
            Class.forName("dev.chaosmonkey.core.ChaosMonkey", true, loader).getMethod("create").invoke(null);
        }
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            String bridge;
            try {
                Class.forName("dev.chaosmonkey.agent.bootstrap.ChaosBridge", false, null);
                bridge = "present";
            } catch (ClassNotFoundException e) {
                bridge = "absent";
            }
            System.out.println("ALIVE bridge=" + bridge);
            System.out.flush();
            Thread.sleep(50);
        }
    }
}
