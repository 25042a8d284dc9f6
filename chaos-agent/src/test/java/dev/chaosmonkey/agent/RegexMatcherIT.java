package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Hostile regexes against real queries through the packaged agent (H2): the application never sees the matcher's
 * StackOverflowError or waits on a catastrophic backtrack; the rule is disarmed and the query runs normally.
 */
class RegexMatcherIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:regexit;DB_CLOSE_DELAY=-1", "sa", "");
        try (Statement s = connection.createStatement()) {
            s.execute("create table orders(id int primary key, status varchar(10))");
            s.execute("insert into orders values (1, 'open'), (2, 'paid')");
        }
        MONKEY.enable();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
    }

    private static int count(String sql) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    /** The report's query: a 3,925-character IN-list. */
    private static String inList() {
        StringBuilder sql = new StringBuilder("select id, status from orders where id in (");
        for (int i = 1; sql.length() < 3923; i++) {
            sql.append(i).append(", ");
        }
        sql.setLength(3923);
        sql.append("1)");
        return sql.toString();
    }

    @Test
    void aStackOverflowingRegexOnALongInListNeverReachesTheApplication() throws Exception {
        String id = MONKEY.arm("jdbc sql~\"from orders(.|\\\\n)*\" -> delay(1ms) p=0.01");
        String sql = inList();
        assertThat(sql).hasSize(3925);
        for (int i = 0; i < 5; i++) {
            assertThat(count(sql)).isEqualTo(2);
        }
        assertThat(MONKEY.rule(id)).as("disarmed after its matcher gave up").isEmpty();
    }

    @Test
    void aCatastrophicBacktrackDoesNotHoldTheQuery() throws Exception {
        String id = MONKEY.arm("jdbc sql~\"(a+)+\\\\1b\" -> delay(1ms)");
        long start = System.nanoTime();
        assertThat(count("select id from orders where status <> '" + "a".repeat(34) + "'")).isEqualTo(2);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(MONKEY.rule(id)).isEmpty();
    }
}
