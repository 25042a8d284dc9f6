package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regex matchers are untrusted: the inputs of the bug report (a 3,925-character IN-list query, {@code (x|y)*z} on
 * 20,000 characters, {@code (a+)+\1b} on 34 {@code a}s) neither throw into the caller nor run unbounded; the rule is
 * disarmed with one error log and the call proceeds as not matching.
 */
class RegexMatcherSafetyTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final CapturedLog log = new CapturedLog();

    @BeforeEach
    void listen() {
        log.start();
    }

    @AfterEach
    void tearDown() {
        log.close();
        monkey.close();
    }

    /** The records at SEVERE (ERROR) so far. */
    private List<LogRecord> errors() {
        return log.records().stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** The query of the report: an IN-list select of 3,925 characters. */
    static String inListQuery() {
        StringBuilder sql = new StringBuilder("select id, status, total from orders where id in (");
        for (int i = 1; sql.length() < 3923; i++) {
            sql.append(i).append(", ");
        }
        sql.setLength(3923);
        sql.append("1)");
        assertThat(sql).hasSize(3925);
        return sql.toString();
    }

    @Test
    void aStackOverflowingRegexNeverReachesTheCaller() {
        String id = monkey.arm("jdbc sql~\"from orders(.|\\\\n)*\" -> delay(1ms) p=0.01");
        String sql = inListQuery();

        for (int i = 0; i < 5; i++) {
            assertThat(monkey.decideJdbc("query", sql, "jdbc:h2:mem:shop")).isNull();
        }

        assertThat(monkey.rule(id)).as("the broken rule is disarmed").isEmpty();
        assertThat(errors()).singleElement().satisfies(r -> assertThat(r.getMessage())
                .contains("chaos rule " + id + " disarmed").contains("3925-character value"));
    }

    @Test
    void aLongAlternationLoopIsBoundedToo() {
        String id = monkey.arm("custom name~\"(x|y)*z\" -> exception");
        String name = "xy".repeat(10_000);

        assertThat(monkey.decideCustom(name)).isNull();
        assertThat(monkey.rule(id)).isEmpty();
        assertThat(errors()).hasSize(1);
    }

    @Test
    void aCatastrophicBacktrackIsAbortedQuickly() {
        String id = monkey.arm("jdbc sql~\"(a+)+\\\\1b\" -> delay(1ms)");
        String sql = "a".repeat(34);

        long start = System.nanoTime();
        assertThat(monkey.decideJdbc("query", sql, null)).isNull();
        long millis = (System.nanoTime() - start) / 1_000_000;

        // unbounded this takes hours; the budget ends it in milliseconds (generous for a loaded machine)
        assertThat(millis).isLessThan(3_000);
        assertThat(monkey.rule(id)).isEmpty();
        assertThat(errors()).singleElement().satisfies(r -> assertThat(r.getMessage()).contains("budget"));
    }

    @Test
    void aNegatedRegexThatAbortsDoesNotMatchEither() {
        String id = monkey.arm("jdbc sql!~\"(a+)+\\\\1b\" -> exception");
        assertThat(monkey.decideJdbc("query", "a".repeat(34), null)).isNull();
        assertThat(monkey.rule(id)).isEmpty();
    }

    @Test
    void ordinaryRegexesStillMatchAndSeeTheFirst8192Characters() {
        monkey.arm("jdbc sql~\"(?i)from orders\" -> exception");
        assertThat(monkey.decideJdbc("query", inListQuery(), null)).isNotNull();
        String late = "x".repeat(AttributeMatcher.MAX_REGEX_INPUT) + " from orders";
        assertThat(monkey.decideJdbc("query", late, null)).as("beyond the documented bound").isNull();
        assertThat(errors()).isEmpty();
        assertThat(monkey.rules()).hasSize(1);
    }

    @Test
    void cheapMatchersRunBeforeRegexes() {
        // with the literal first, a call that fails the literal never runs the catastrophic regex
        String id = monkey.arm("jdbc sql~\"(a+)+\\\\1b\" operation=update -> exception");
        for (int i = 0; i < 50; i++) {
            assertThat(monkey.decideJdbc("query", "a".repeat(34), null)).isNull();
        }
        assertThat(monkey.rule(id)).isPresent();
        assertThat(errors()).isEmpty();
    }
}
