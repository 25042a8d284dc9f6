package dev.chaosmonkey.agent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The first JDBC query of a JVM, from inside a Spring Boot executable jar (H2 nested in {@code BOOT-INF/lib}):
 * prints {@code FIRST OK <n>} or {@code FIRST FAIL <exception>}, then {@code DONE}. One class file, no nested class:
 * {@link SpringBootFatJarIT#fatJar} copies just this one.
 */
public final class FatJarFirstQueryApp {
    private FatJarFirstQueryApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:fat-first", "sa", "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 7")) {
                rs.next();
                System.out.println("FIRST OK " + rs.getInt(1));
            } catch (Exception e) {
                System.out.println("FIRST FAIL " + e);
            }
        }
        System.out.println("DONE");
    }
}
