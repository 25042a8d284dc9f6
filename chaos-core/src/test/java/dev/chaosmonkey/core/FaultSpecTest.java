package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultSpecTest {

    @Test
    void anUnknownPointNamesEveryPointThereIs() {
        // the list once stopped at "custom or resource" while dns and net existed
        assertThatThrownBy(() -> FaultSpec.parse("socket -> exception"))
                .hasMessageContaining("unknown injection point 'socket' (expected jdbc, http, kafka, method, dns,"
                        + " custom, resource or net)");
    }

    @Test
    void parsesTheReadmeExample() {
        ChaosRule rule = ChaosRule.parse("jdbc sql~\"(?i)select .* from orders\" -> "
                + "exception(java.sql.SQLTransientConnectionException, \"db down\") p=0.3 for=5m");

        assertThat(rule.point()).isEqualTo(InjectionPoint.JDBC);
        assertThat(rule.matchers()).containsExactly(AttributeMatcher.regex("sql", "(?i)select .* from orders"));
        assertThat(rule.fault()).isEqualTo(Fault.exception("java.sql.SQLTransientConnectionException", "db down"));
        assertThat(rule.probability()).isEqualTo(0.3);
        assertThat(rule.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.dryRun()).isFalse();
    }

    @Test
    void parsesEveryOptionAndFaultShape() {
        ChaosRule rule = ChaosRule.parse("http host=inventory.* port!=8443 method=GET path~\"^/api/\" -> "
                + "delay(100ms..500ms) every=3 first=10 seed=42 max=5 after=30s for=2h dry-run id=slow-inventory");

        assertThat(rule.matchers()).hasSize(4);
        assertThat(rule.fault()).isEqualTo(Fault.delay(Duration.ofMillis(100), Duration.ofMillis(500)));
        assertThat(rule.everyNth()).isEqualTo(3);
        assertThat(rule.firstN()).isEqualTo(10);
        assertThat(rule.seed()).isEqualTo(42L);
        assertThat(rule.maxInjections()).isEqualTo(5);
        assertThat(rule.startAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rule.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(rule.dryRun()).isTrue();
        assertThat(rule.id()).isEqualTo("slow-inventory");
    }

    @Test
    void builderAndParserAgree() {
        ChaosRule built = ChaosRule.on(InjectionPoint.KAFKA)
                .where("topic", "orders-*")
                .where(AttributeMatcher.equalTo("key", "present"))
                .fault(Fault.delayWithJitter(Duration.ofMillis(200), Duration.ofMillis(50)))
                .probability(0.25)
                .build();

        assertThat(built.toSpec()).isEqualTo("kafka topic=orders-* key=present -> delay(200ms, jitter=50ms) p=0.25");
        assertThat(ChaosRule.parse(built.toSpec())).isEqualTo(built);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc -> exception",
        "jdbc sql~\"(?i)select .* from orders\" -> exception(java.sql.SQLTransientConnectionException, \"db down\") p=0.3 for=5m",
        "jdbc operation=connect url=jdbc:h2:* -> exception(\"database down\")",
        "jdbc sql!~\"^SELECT 1$\" -> timeout(5s)",
        "jdbc operation=batch -> timeout(2s, java.sql.SQLTimeoutException) max=3",
        "http host=inventory path=/api/* -> status(503) p=0.5",
        "http method=POST scheme=https port=8443 -> delay(2s)",
        "http host!=localhost -> delay(100ms..1500ms) every=2",
        "http -> delay(250ms, jitter=100ms) first=20 seed=7",
        "kafka topic=orders key=absent -> exception(org.apache.kafka.common.errors.TimeoutException, \"broker gone\")",
        "method class=com.acme.PaymentClient method=charge -> exception(java.lang.IllegalStateException) after=1m for=1h",
        "custom name=payment-gateway -> delay(3s) dry-run id=pg-slow",
        "custom name=\"with space\" -> exception(\"quote \\\" and backslash \\\\ inside\")",
        "custom name=x -> exception p=0 max=1",
    })
    void canonicalSpecsRenderBackToThemselves(String spec) {
        ChaosRule rule = ChaosRule.parse(spec);

        assertThat(rule.toSpec()).isEqualTo(spec);
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
    }

    @Test
    void normalisesNonCanonicalInput() {
        ChaosRule rule = ChaosRule.parse("  HTTP   host = api.example.org   ->   delay( 1000ms )   p=1.0  for=60m ");

        assertThat(rule.toSpec()).isEqualTo("http host=api.example.org -> delay(1s) for=1h");
    }

    @Test
    void parseAllSkipsCommentsAndBlankLinesAndReportsTheLine() {
        List<ChaosRule> rules = FaultSpec.parseAll("# a plan\n\njdbc -> exception   # trailing comment\n"
                + "custom name=\"a#b\" -> delay(1s)\n");
        assertThat(rules).extracting(ChaosRule::toSpec)
                .containsExactly("jdbc -> exception", "custom name=\"a#b\" -> delay(1s)");

        assertThatThrownBy(() -> FaultSpec.parseAll("jdbc -> exception\nhttp -> delay(5)\n"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(15);
                    assertThat(e.getMessage()).startsWith("invalid fault spec at line 2, column 15: '5' is not a duration");
                });
    }

    /** Each bad spec, the 1-based column of the problem and a fragment of the message that names it. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                                                  | 1  | empty spec",
        "'   '                                               | 1  | empty spec",
        "jbdc -> exception                                   | 1  | unknown injection point 'jbdc'",
        "-> exception                                        | 1  | expected an injection point but found '->'",
        "jdbc                                                | 5  | missing '->' and a fault",
        "jdbc sql~\"x\"                                      | 13 | missing '->' and a fault",
        "jdbc ->                                             | 8  | missing fault after '->'",
        "jdbc sq=x -> exception                              | 6  | unknown attribute 'sq' for point jdbc (known: sql, operation, url)",
        "resource host=x -> exception                        | 10 | unknown attribute 'host' for point resource (it has no attributes)",
        "jdbc sql -> exception                               | 10 | expected =, !=, ~ or !~ after 'sql' but found '->'",
        "jdbc sql= -> exception                              | 11 | expected a value for 'sql' but found '->'",
        "jdbc sql~\"unclosed -> exception                    | 10 | unterminated string",
        "jdbc sql~\"(unbalanced\" -> exception                | 10 | invalid regular expression for 'sql'",
        "jdbc sql=\"bad \\n escape\" -> exception            | 15 | unknown escape '\\n'",
        "http port=http -> exception                         | 11 | port must be a number from 0 to 65535, was 'http'",
        "http port=70000 -> exception                        | 11 | port must be a number from 0 to 65535",
        "http port~\"80\" -> exception                       | 11 | attribute 'port' supports only = and !=",
        "kafka key=maybe -> exception                        | 11 | key must be 'present' or 'absent', was 'maybe'",
        "jdbc -> explode                                     | 9  | unknown fault 'explode'",
        "jdbc -> delay                                       | 9  | delay needs a duration",
        "jdbc -> delay()                                     | 9  | delay needs a duration",
        "jdbc -> delay(5)                                    | 15 | '5' is not a duration for delay",
        "jdbc -> delay(-5ms)                                 | 15 | delay must not be negative: -5ms",
        "jdbc -> delay(5 ms)                                 | 17 | expected ',' or ')' in delay(...) but found 'ms'",
        "jdbc -> delay(500ms..100ms)                         | 9  | delay range minimum 500ms is greater than its maximum 100ms",
        "jdbc -> delay(100ms..x)                             | 22 | 'x' is not a duration for delay range maximum",
        "jdbc -> delay(100ms, jitter=200ms)                  | 9  | jitter 200ms is larger than the base delay 100ms",
        "jdbc -> delay(100ms, spread=20ms)                   | 22 | delay's second argument must be jitter=<duration>",
        "jdbc -> delay(100ms                                 | 20 | expected ',' or ')' in delay(...) but found end of spec",
        "jdbc -> timeout(0s)                                 | 17 | timeout bound must be positive",
        "jdbc -> timeout(5s, not a class)                    | 25 | expected ',' or ')' in timeout(...) but found 'a'",
        "jdbc -> timeout(5s, 9lives)                         | 21 | '9lives' is not a Java class name",
        "jdbc -> exception(\"java.sql.SQLException\", \"m\") | 19 | the exception class name must not be quoted",
        "jdbc -> exception(a.B, \"m\", \"extra\")            | 29 | exception takes at most two arguments",
        "jdbc -> exception(type=a.B)                         | 19 | exception takes (class), (class, \"message\") or (\"message\")",
        "jdbc -> status(503)                                 | 9  | status(503) only applies to the http point, not jdbc",
        "http -> status(200)                                 | 16 | HTTP status must be 429 or 500-599, was 200",
        "http -> status(five)                                | 16 | 'five' is not an HTTP status code",
        "resource -> delay(1s)                               | 13 | delay faults need a call to slow down",
        "jdbc -> exception p=1.5                             | 21 | p must be a number between 0 and 1, was '1.5'",
        "jdbc -> exception p=abc                             | 21 | p must be a number between 0 and 1, was 'abc'",
        "jdbc -> exception p=-0.1                            | 21 | p must be a number between 0 and 1",
        "jdbc -> exception p=NaN                             | 21 | p must be a number between 0 and 1",
        "jdbc -> exception every=0                           | 25 | every must be a whole number of at least 1, was '0'",
        "jdbc -> exception first=-3                          | 25 | first must be a whole number of at least 1, was '-3'",
        "jdbc -> exception max=lots                          | 23 | max must be a whole number of at least 1, was 'lots'",
        "jdbc -> exception seed=1.5                          | 24 | seed must be a whole number, was '1.5'",
        "jdbc -> exception for=0s                            | 23 | for must be positive",
        "jdbc -> exception for=forever                       | 23 | 'forever' is not a duration for for",
        "jdbc -> exception after=10                          | 25 | '10' is not a duration for after",
        "jdbc -> exception p=0.5 p=0.6                       | 25 | option 'p' given twice",
        "jdbc -> exception probability=0.5                   | 19 | unknown option 'probability'",
        "jdbc -> exception p                                 | 20 | expected '=' after option 'p' but found end of spec",
        "jdbc -> exception p=                                | 21 | expected a value for option 'p' but found end of spec",
        "jdbc -> exception id=\"has space\"                  | 22 | expected a value for option 'id' but found string",
        "jdbc -> exception id=a/b                            | 9  | rule id 'a/b' must be 1-64 letters, digits",
        "jdbc -> exception ) extra                           | 19 | expected an option",
        "jdbc sql=x -> exception <<                          | 25 | unexpected character '<'",
        "jdbc -> delay(99999999999h)                         | 15 | '99999999999h' is too long for delay (durations are at most 2562047h)",
        "jdbc -> delay(1ms..99999999999h)                    | 20 | '99999999999h' is too long for delay range maximum",
        "jdbc -> delay(1s, jitter=99999999999h)              | 19 | '99999999999h' is too long for jitter",
        "jdbc -> timeout(99999999999h)                       | 17 | '99999999999h' is too long for timeout",
        "jdbc -> exception after=99999999999h                | 25 | '99999999999h' is too long for after",
        "jdbc -> exception for=99999999999h                  | 23 | '99999999999h' is too long for for",
    })
    void rejectsMalformedSpecsNamingPositionAndProblem(String spec, int column, String problem) {
        assertThatThrownBy(() -> ChaosRule.parse(spec))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> {
                    assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(column);
                    assertThat(e.problem()).contains(problem.strip());
                    assertThat(e.getMessage()).contains("column " + column).endsWith(spec);
                    assertThat(e.caret()).endsWith("^");
                });
    }

    @Test
    void nullSpecIsAnError() {
        assertThatThrownBy(() -> ChaosRule.parse(null)).isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("spec is null");
    }
}
