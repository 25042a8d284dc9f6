package dev.chaosmonkey.core;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

/**
 * An application for {@link ProductionGuardJvmTest}: uses the global instance the way an application does and
 * prints what happened, one fact per line.
 */
public final class GuardedApp {
    private GuardedApp() {
    }

    public static void main(String[] args) throws Exception {
        ChaosMonkey monkey = ChaosMonkey.global();
        System.out.println("enabled=" + monkey.isEnabled());
        try {
            monkey.enable();
            System.out.println("enable=accepted");
        } catch (IllegalStateException e) {
            System.out.println("enable=refused");
        }
        monkey.arm("custom name=pay -> exception(java.lang.IllegalStateException, \"injected\")");
        try {
            monkey.check("pay");
            System.out.println("check=OK");
        } catch (IllegalStateException e) {
            System.out.println("check=INJECTED");
        }
        Object reason = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(ChaosMonkey.OBJECT_NAME),
                "DisabledReason");
        System.out.println("jmx-reason=" + reason);
        System.out.println("environment=" + monkey.config().environment());
    }
}
