package dev.chaosmonkey.agent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * An application that depends on chaos-core itself and arms a rule through its own {@code ChaosMonkey.global()}
 * (args[0]), then queries H2 in a loop printing {@code OK} / {@code FAIL <exception>}. Run from a Spring Boot fat jar
 * with the agent attached, it shows that the application's chaos-core resolves to the agent's copy.
 */
public final class SelfArmingApp {
    private SelfArmingApp() {
    }

    public static void main(String[] args) throws Exception {
        ChaosMonkey monkey = ChaosMonkey.global();
        monkey.enable();
        monkey.arm(args[0]);
        System.out.println("core-loader=" + ChaosMonkey.class.getClassLoader());
        long end = System.nanoTime() + 60_000_000_000L;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:fat", "sa", "")) {
            while (System.nanoTime() < end) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
                    rs.next();
                    System.out.println("OK " + rs.getInt(1));
                } catch (Exception e) {
                    System.out.println("FAIL " + e);
                }
                System.out.flush();
                Thread.sleep(50);
            }
        }
    }
}
