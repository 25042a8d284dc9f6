package dev.chaosmonkey.agent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Runs a query with nothing armed, prints {@code ARMING}, arms a rule through its own {@code ChaosMonkey.global()}
 * and queries until the rule fires ({@code FAIL <exception>}, at most 200 tries), then prints {@code DONE}.
 */
public final class LazyWeavingApp {
    private LazyWeavingApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:lazy", "sa", "")) {
            System.out.println(query(c));
            System.out.println("ARMING");
            System.out.flush();
            ChaosMonkey.global().enable();
            ChaosMonkey.global().arm("jdbc sql=\"select 7\" -> exception(java.sql.SQLTransientConnectionException,"
                    + " \"lazy\")");
            for (int i = 0; i < 200; i++) {
                String result = query(c);
                if (result.startsWith("FAIL")) {
                    System.out.println(result);
                    break;
                }
                Thread.sleep(50);
            }
        }
        System.out.println("DONE");
    }

    private static String query(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 7")) {
            rs.next();
            return "OK " + rs.getInt(1);
        } catch (Exception e) {
            return "FAIL " + e;
        }
    }
}
