package dev.chaosmonkey.agent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A small application for the dynamic-attach test: queries H2 every 50 ms and prints {@code OK} or
 * {@code FAIL <exception>} per query. Runs for at most two minutes.
 */
public final class AttachTarget {
    private AttachTarget() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:attach", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("create table stock(item varchar(10), qty int)");
                s.execute("insert into stock values ('tea', 5)");
            }
            while (System.nanoTime() < end) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select qty from stock where item = 'tea'")) {
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
