package dev.chaosmonkey.agent;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.StringJoiner;

import javax.management.ObjectName;

import com.example.shop.Catalog;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Started under the agent by {@code ClassFileFidelityIT}: prints the reflected parameter names of
 * {@link Catalog#page(int, String)} (compiled with {@code -parameters}) before a method rule is armed on the loaded
 * class, while it is armed (the class was retransformed), after disarm and after the agent is detached. Each line is
 * {@code NAMES <phase> <names>}, then {@code DONE}.
 */
public final class ParameterNamesApp {
    private ParameterNamesApp() {
    }

    public static void main(String[] args) throws Exception {
        Catalog catalog = new Catalog();
        print("before", catalog);
        ChaosMonkey monkey = ChaosMonkey.global();
        monkey.enable();
        String id = monkey.arm("method class=com.example.shop.Catalog method=count -> exception(java.lang.IllegalStateException,"
                + " \"catalog offline\")");
        try {
            catalog.count();
            System.out.println("INJECTED no");
        } catch (IllegalStateException e) {
            System.out.println("INJECTED " + e.getMessage());
        }
        print("armed", catalog);
        monkey.disarm(id);
        print("disarmed", catalog);
        ObjectName agent = new ObjectName("dev.chaosmonkey:type=ChaosAgent");
        long deadline = System.nanoTime() + 60_000_000_000L; // the agent registers its MBean in the background
        while (!ManagementFactory.getPlatformMBeanServer().isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Object restored = ManagementFactory.getPlatformMBeanServer().invoke(agent, "detach", new Object[0],
                new String[0]);
        System.out.println("RESTORED " + restored);
        print("detached", catalog);
        System.out.println("PAGE " + catalog.page(2, "name"));
        System.out.println("DONE");
    }

    private static void print(String phase, Catalog catalog) throws Exception {
        Method m = catalog.getClass().getMethod("page", int.class, String.class);
        StringJoiner names = new StringJoiner(",");
        for (Parameter p : m.getParameters()) {
            names.add(p.getName());
        }
        System.out.println("NAMES " + phase + " " + names);
    }
}
