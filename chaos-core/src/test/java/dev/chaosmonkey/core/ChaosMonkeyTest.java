package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChaosMonkeyTest {
    private final ManualClock clock = new ManualClock();
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true).build());

    @AfterEach
    void tearDown() {
        monkey.close();
    }

    private int fired(int calls, String name) {
        int n = 0;
        for (int i = 0; i < calls; i++) {
            if (monkey.decideCustom(name) != null) {
                n++;
            }
        }
        return n;
    }

    @Nested
    class Safety {
        @Test
        void offByDefaultAndArmedRulesDoNothingUntilEnabled() {
            ChaosMonkey off = ChaosMonkey.create(ChaosConfig.custom().clock(clock).build());
            off.arm("custom name=x -> exception");

            assertThat(off.isEnabled()).isFalse();
            assertThat(off.isArmed(InjectionPoint.CUSTOM)).isFalse();
            assertThatCode(() -> off.check("x")).doesNotThrowAnyException();

            off.enable();
            assertThatThrownBy(() -> off.check("x")).isInstanceOf(ChaosInjectedException.class);
            off.disable();
            assertThatCode(() -> off.check("x")).doesNotThrowAnyException();
            assertThat(off.rules()).hasSize(1);
            off.close();
        }

        @Test
        void refusesToEnableInProductionUnlessAllowed() {
            ChaosMonkey prod = ChaosMonkey.create(ChaosConfig.custom().environment("production").build());
            assertThatThrownBy(prod::enable).isInstanceOf(IllegalStateException.class)
                    .hasMessage("refusing to enable chaos in environment 'production': set chaos.allow-production=true"
                            + " to allow it");
            assertThat(prod.isEnabled()).isFalse();

            assertThatThrownBy(() -> ChaosMonkey.create(ChaosConfig.custom().environment("prod-eu").enabled(true)
                    .build())).isInstanceOf(IllegalStateException.class);

            ChaosMonkey allowed = ChaosMonkey.create(ChaosConfig.custom().environment("prod").allowProduction(true)
                    .build());
            allowed.enable();
            assertThat(allowed.isEnabled()).isTrue();

            ChaosMonkey staging = ChaosMonkey.create(ChaosConfig.custom().environment("staging").build());
            staging.enable();
            assertThat(staging.isEnabled()).isTrue();
        }

        @Test
        void killSwitchDisarmsEverythingAtOnce() {
            monkey.arm("custom name=a -> exception");
            monkey.arm("jdbc -> delay(1s)");
            monkey.arm("http -> status(503)");

            assertThat(monkey.ruleCount()).isEqualTo(3);
            assertThat(monkey.disarmAll()).isEqualTo(3);
            assertThat(monkey.ruleCount()).isZero();

            assertThat(monkey.rules()).isEmpty();
            assertThat(monkey.armedPointsMask()).isZero();
            assertThat(monkey.decideJdbc("query", "select 1", null)).isNull();
            assertThat(clock.pendingTimers()).isZero();
        }

        @Test
        void everyRuleExpiresByDefaultAfterTenMinutes() {
            String id = monkey.arm("custom name=x -> exception");
            assertThat(monkey.rule(id).orElseThrow().getExpiresAt()).isEqualTo("2023-11-14T22:23:20Z");

            clock.advance(Duration.ofMinutes(9).plusSeconds(59));
            assertThat(fired(1, "x")).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            assertThat(monkey.rules()).isEmpty();
            assertThat(fired(1, "x")).isZero();
        }

        @Test
        void explicitDurationAndStartDelay() {
            String id = monkey.arm("custom name=x -> exception after=30s for=1m");
            assertThat(monkey.rule(id).orElseThrow().getState()).isEqualTo("PENDING");
            assertThat(fired(1, "x")).isZero();

            clock.advance(Duration.ofSeconds(30));
            assertThat(monkey.rule(id).orElseThrow().getState()).isEqualTo("ACTIVE");
            assertThat(fired(1, "x")).isEqualTo(1);

            clock.advance(Duration.ofSeconds(59));
            assertThat(fired(1, "x")).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(monkey.rule(id)).isEmpty();
            assertThat(fired(1, "x")).isZero();
        }

        @Test
        void configurableDefaultExpiry() {
            ChaosMonkey shortLived = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true)
                    .defaultDuration(Duration.ofSeconds(5)).build());
            shortLived.arm("custom name=x -> exception");
            clock.advance(Duration.ofSeconds(5));
            assertThat(shortLived.rules()).isEmpty();
        }

        @Test
        void blastRadiusLimits() {
            ChaosMonkey limited = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true).maxRules(2)
                    .maxDelay(Duration.ofSeconds(10)).maxDuration(Duration.ofHours(1)).build());
            limited.arm("custom name=a -> exception");

            assertThatThrownBy(() -> limited.armAll(List.of(ChaosRule.parse("custom name=b -> exception"),
                    ChaosRule.parse("custom name=c -> exception"))))
                    .isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("blast radius: arming 2 rule(s) would make 3 armed, the limit is 2");
            assertThatThrownBy(() -> limited.arm("jdbc -> delay(5s..20s)"))
                    .hasMessageContaining("delay of up to 20s exceeds the maximum 10s (chaos.max-delay)");
            assertThatThrownBy(() -> limited.arm("jdbc -> timeout(1m)"))
                    .hasMessageContaining("timeout of up to 1m exceeds the maximum 10s");
            assertThatThrownBy(() -> limited.arm("jdbc -> exception for=2h"))
                    .hasMessageContaining("for=2h exceeds the maximum 1h (chaos.max-duration)");
            assertThat(limited.rules()).hasSize(1);
        }

        @Test
        void globalInjectionBudget() {
            ChaosMonkey budgeted = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true)
                    .maxInjections(5).build());
            budgeted.arm("custom name=a -> exception");
            budgeted.arm("custom name=b -> exception");
            int n = 0;
            for (int i = 0; i < 10; i++) {
                n += budgeted.decideCustom("a") != null ? 1 : 0;
                n += budgeted.decideCustom("b") != null ? 1 : 0;
            }
            assertThat(n).isEqualTo(5);
            assertThat(budgeted.totalInjections()).isEqualTo(5);
        }

        @Test
        void armAllIsAllOrNothing() {
            assertThatThrownBy(() -> monkey.armAll("custom name=a -> exception\n"
                    + "custom name=b -> exception(com.example.NoSuchException)\n"))
                    .isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("unknown exception class 'com.example.NoSuchException'");
            assertThat(monkey.rules()).isEmpty();

            assertThatThrownBy(() -> monkey.armAll("custom name=a -> exception id=same\n"
                    + "custom name=b -> exception id=same\n"))
                    .hasMessageContaining("a rule with id 'same' is already armed");
            assertThat(monkey.rules()).isEmpty();
        }

        @Test
        void exceptionClassesAreValidatedAtArmTime() {
            assertThatThrownBy(() -> monkey.arm("jdbc -> exception(java.lang.String)"))
                    .hasMessageContaining("'java.lang.String' is not a Throwable");
            assertThatThrownBy(() -> monkey.arm("jdbc -> exception(java.io.IOException.Nope)"))
                    .hasMessageContaining("unknown exception class");
            assertThatThrownBy(() -> monkey.arm("jdbc -> exception(java.lang.VirtualMachineError)"))
                    .hasMessageContaining("exception class 'java.lang.VirtualMachineError' is abstract");
            assertThatThrownBy(() -> monkey.arm("jdbc -> timeout(1s, " + NoUsableConstructor.class.getName() + ")"))
                    .hasMessageContaining("has no public constructor taking (String), (String, Throwable) or ()");
            assertThat(monkey.rules()).isEmpty();
        }
    }

    /** An exception type the engine cannot construct. */
    public static class NoUsableConstructor extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoUsableConstructor(int code) {
            super("code " + code);
        }
    }

    @Nested
    class Faults {
        @Test
        void exceptionOfAnyTypeIncludingChecked() {
            monkey.arm("jdbc -> exception(java.sql.SQLException, \"db down\")");
            Injection injection = monkey.decideJdbc("query", "select 1", "jdbc:h2:mem:x");

            assertThat(injection).isNotNull();
            assertThatThrownBy(() -> injection.perform(null)).isExactlyInstanceOf(SQLException.class)
                    .hasMessage("db down");
        }

        @Test
        void defaultExceptionsDependOnThePoint() {
            String jdbc = monkey.arm("jdbc -> exception");
            String http = monkey.arm("http -> exception");
            String custom = monkey.arm("custom name=x -> exception");

            assertThatThrownBy(() -> monkey.decideJdbc("query", "select 1", null).perform(null))
                    .isExactlyInstanceOf(SQLTransientConnectionException.class)
                    .hasMessage("chaos: exception injected by rule " + jdbc);
            assertThatThrownBy(() -> monkey.decideHttp("GET", "http", "h", 80, "/").perform(null))
                    .isExactlyInstanceOf(ConnectException.class).hasMessageContaining(http);
            assertThatThrownBy(() -> monkey.check("x")).isExactlyInstanceOf(ChaosInjectedException.class)
                    .hasMessageContaining(custom);
        }

        @Test
        void messageOnlyExceptionUsesThePointDefaultClass() {
            monkey.arm("jdbc -> exception(\"database down\")");
            Throwable t = monkey.decideJdbc("connect", null, null).newThrowable(null, null);
            assertThat(t).isExactlyInstanceOf(SQLTransientConnectionException.class).hasMessage("database down");
        }

        @Test
        void instrumentationCanOverrideTheDefaultClass() {
            monkey.arm("http -> timeout(1ms)");
            Throwable t = monkey.decideHttp("GET", "http", "h", 80, "/")
                    .newThrowable(null, "java.net.http.HttpTimeoutException");
            assertThat(t).isExactlyInstanceOf(java.net.http.HttpTimeoutException.class)
                    .hasMessageStartingWith("chaos: timeout after 1ms");
        }

        @Test
        void unresolvableDefaultFallsBackToChaosInjectedException() {
            monkey.arm("kafka -> exception");
            Throwable t = monkey.decideKafka("orders", true).newThrowable(null, null);
            assertThat(t).isExactlyInstanceOf(ChaosInjectedException.class)
                    .hasMessageContaining("org.apache.kafka.common.errors.NetworkException is not visible here");
        }

        @Test
        void delayShapes() {
            DelayFault fixed = Fault.delay(Duration.ofMillis(200));
            DelayFault range = Fault.delay(Duration.ofMillis(100), Duration.ofMillis(500));
            DelayFault jitter = Fault.delayWithJitter(Duration.ofMillis(200), Duration.ofMillis(50));
            long rangeMin = Long.MAX_VALUE;
            long rangeMax = 0;
            for (int i = 0; i < 10_000; i++) {
                assertThat(fixed.nextDelayNanos()).isEqualTo(200_000_000L);
                long r = range.nextDelayNanos();
                rangeMin = Math.min(rangeMin, r);
                rangeMax = Math.max(rangeMax, r);
                assertThat(jitter.nextDelayNanos()).isBetween(150_000_000L, 250_000_000L);
            }
            assertThat(rangeMin).isBetween(100_000_000L, 110_000_000L);
            assertThat(rangeMax).isBetween(490_000_000L, 500_000_000L);
            assertThat(jitter.minimum()).isEqualTo(Duration.ofMillis(150));
            assertThat(jitter.maximum()).isEqualTo(Duration.ofMillis(250));
        }

        @Test
        void negativeOrInvertedDelaysAreRejected() {
            assertThatThrownBy(() -> Fault.delay(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must not be negative");
            assertThatThrownBy(() -> Fault.delay(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                    .hasMessage("delay range minimum 2s is greater than its maximum 1s");
            assertThatThrownBy(() -> Fault.timeout(Duration.ZERO)).hasMessageContaining("timeout bound must be positive");
        }

        @Test
        void delayAndTimeoutSleepTheCallingThread() {
            monkey.arm("custom name=slow -> delay(30ms)");
            monkey.arm("jdbc -> timeout(30ms)");

            long start = System.nanoTime();
            monkey.check("slow");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(30_000_000L);

            long start2 = System.nanoTime();
            assertThatThrownBy(() -> monkey.decideJdbc("query", "select 1", null).perform(null))
                    .isExactlyInstanceOf(SQLTimeoutException.class);
            assertThat(System.nanoTime() - start2).isGreaterThanOrEqualTo(30_000_000L);
        }

        @Test
        void interruptEndsADelayEarlyAndKeepsTheFlag() {
            monkey.arm("custom name=slow -> delay(1m)");
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            monkey.check("slow");
            assertThat(Thread.interrupted()).isTrue();
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(30).toNanos());
        }

        @Test
        void httpStatusFaultIsVisibleToInstrumentationAndThrowsWhenPerformedBlindly() {
            monkey.arm("http host=inventory -> status(503)");
            Injection injection = monkey.decideHttp("GET", "http", "inventory", 80, "/stock");

            assertThat(injection.fault()).isInstanceOfSatisfying(HttpStatusFault.class,
                    f -> assertThat(f.status()).isEqualTo(503));
            assertThatThrownBy(() -> injection.perform(null)).isInstanceOf(IOException.class)
                    .hasMessageContaining("HTTP 503 injected by rule");
        }
    }

    @Nested
    class Triggers {
        @Test
        void everyNth() {
            monkey.arm("custom name=x -> exception every=3");
            List<Boolean> pattern = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                pattern.add(monkey.decideCustom("x") != null);
            }
            assertThat(pattern).containsExactly(false, false, true, false, false, true, false, false, true);
        }

        @Test
        void firstN() {
            monkey.arm("custom name=x -> exception first=2");
            assertThat(fired(10, "x")).isEqualTo(2);
            assertThat(monkey.decideCustom("x")).isNull();
        }

        @Test
        void probabilityExtremes() {
            monkey.arm("custom name=never -> exception p=0");
            monkey.arm("custom name=always -> exception p=1");
            assertThat(fired(1000, "never")).isZero();
            assertThat(fired(1000, "always")).isEqualTo(1000);
        }

        @Test
        void seededDrawsAreReproducible() {
            String id = monkey.arm("custom name=x -> exception p=0.5 seed=42");
            List<Boolean> first = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                first.add(monkey.decideCustom("x") != null);
            }
            monkey.disarm(id);
            monkey.arm("custom name=x -> exception p=0.5 seed=42");
            List<Boolean> second = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                second.add(monkey.decideCustom("x") != null);
            }
            assertThat(second).isEqualTo(first);
            assertThat(first).contains(true, false);

            monkey.disarmAll();
            monkey.arm("custom name=x -> exception p=0.5 seed=43");
            List<Boolean> other = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                other.add(monkey.decideCustom("x") != null);
            }
            assertThat(other).isNotEqualTo(first);
        }

        @Test
        void budgetStopsTheRuleAndMarksItExhausted() {
            String id = monkey.arm("custom name=x -> exception max=3");
            assertThat(fired(10, "x")).isEqualTo(3);
            RuleInfo info = monkey.rule(id).orElseThrow();
            assertThat(info.getState()).isEqualTo("EXHAUSTED");
            assertThat(info.getInjected()).isEqualTo(3);
            assertThat(monkey.isArmed(InjectionPoint.CUSTOM)).isFalse();
        }

        @Test
        void countersTrackMatchedInjectedSkipped() {
            String id = monkey.arm("custom name=x -> exception every=2");
            fired(10, "x");
            fired(5, "other");
            RuleInfo info = monkey.rule(id).orElseThrow();
            assertThat(info.getMatched()).isEqualTo(10);
            assertThat(info.getInjected()).isEqualTo(5);
            assertThat(info.getSkipped()).isEqualTo(5);
        }

        @Test
        void firstRuleThatFiresDecidesTheCall() {
            String a = monkey.arm("custom name=x -> exception every=2");
            String b = monkey.arm("custom name=x -> delay(1ms)");
            assertThat(monkey.decideCustom("x").ruleId()).isEqualTo(b);
            assertThat(monkey.decideCustom("x").ruleId()).isEqualTo(a);
        }
    }

    @Nested
    class Matchers {
        @Test
        void jdbcSqlRegexOperationAndUrl() {
            monkey.arm("jdbc sql~\"(?i)select .* from orders\" operation=query url=jdbc:h2:* -> exception");
            assertThat(monkey.decideJdbc("query", "SELECT id FROM orders WHERE id = ?", "jdbc:h2:mem:shop")).isNotNull();
            assertThat(monkey.decideJdbc("update", "select * from orders", "jdbc:h2:mem:shop")).isNull();
            assertThat(monkey.decideJdbc("query", "select * from customers", "jdbc:h2:mem:shop")).isNull();
            assertThat(monkey.decideJdbc("query", "select * from orders", "jdbc:postgresql://db/shop")).isNull();
            assertThat(monkey.decideJdbc("query", null, null)).isNull();
        }

        @Test
        void httpHostIsCaseInsensitivePathIsNot() {
            monkey.arm("http method=get host=Inventory.* port=8080 path=/api/* -> exception");
            assertThat(monkey.decideHttp("GET", "http", "inventory.internal", 8080, "/api/stock")).isNotNull();
            assertThat(monkey.decideHttp("GET", "http", "inventory.internal", 8080, "/API/stock")).isNull();
            assertThat(monkey.decideHttp("GET", "http", "inventory.internal", 8081, "/api/stock")).isNull();
            assertThat(monkey.decideHttp("POST", "http", "inventory.internal", 8080, "/api/stock")).isNull();
        }

        @Test
        void globShapesExactPrefixSuffixAndGeneral() {
            monkey.arm("http host=*.Internal -> exception");
            monkey.arm("jdbc sql=select* url=jdbc:h2:mem:shop -> exception");
            monkey.arm("kafka topic=o?ders-*-dlq -> exception");
            assertThat(monkey.decideHttp("GET", "http", "inventory.internal", 80, "/")).isNotNull();
            assertThat(monkey.decideHttp("GET", "http", "internal", 80, "/")).isNull();
            assertThat(monkey.decideHttp("GET", "http", "inventory.internal.example", 80, "/")).isNull();
            assertThat(monkey.decideJdbc("query", "select 1", "jdbc:h2:mem:shop")).isNotNull();
            assertThat(monkey.decideJdbc("query", "SELECT 1", "jdbc:h2:mem:shop")).isNull();
            assertThat(monkey.decideJdbc("query", "select 1", "jdbc:h2:mem:shop2")).isNull();
            assertThat(monkey.decideJdbc("query", "sel", "jdbc:h2:mem:shop")).isNull();
            assertThat(monkey.decideKafka("orders-eu-dlq", true)).isNotNull();
            assertThat(monkey.decideKafka("orders-dlq", true)).isNull();
        }

        @Test
        void negationsMatchUnknownAttributes() {
            monkey.arm("http host!=localhost path!~\"^/health\" -> exception");
            assertThat(monkey.decideHttp("GET", "http", "localhost", 80, "/x")).isNull();
            assertThat(monkey.decideHttp("GET", "http", "remote", 80, "/health/live")).isNull();
            assertThat(monkey.decideHttp("GET", "http", "remote", 80, "/orders")).isNotNull();
            assertThat(monkey.decideHttp("GET", "http", null, -1, null)).isNotNull();
        }

        @Test
        void kafkaTopicAndKey() {
            monkey.arm("kafka topic=orders-? key=absent -> exception");
            assertThat(monkey.decideKafka("orders-1", false)).isNotNull();
            assertThat(monkey.decideKafka("orders-1", true)).isNull();
            assertThat(monkey.decideKafka("orders-10", false)).isNull();
        }

        @Test
        void methodClassAndName() {
            monkey.arm("method class=com.acme.*Client method=charge -> exception");
            assertThat(monkey.decideMethod("com.acme.PaymentClient", "charge")).isNotNull();
            assertThat(monkey.decideMethod("com.acme.PaymentClient", "refund")).isNull();
            assertThat(monkey.decideMethod("org.other.PaymentClient", "charge")).isNull();
        }

        @Test
        void rulesOnOtherPointsAreInvisible() {
            monkey.arm("jdbc -> exception");
            assertThat(monkey.isArmed(InjectionPoint.JDBC)).isTrue();
            assertThat(monkey.isArmed(InjectionPoint.HTTP)).isFalse();
            assertThat(monkey.decideHttp("GET", "http", "h", 80, "/")).isNull();
        }
    }

    @Nested
    class DryRunAndEvents {
        @Test
        void dryRunRuleDecidesAndRecordsButDoesNotInject() {
            List<ChaosEvent> events = new CopyOnWriteArrayList<>();
            monkey.addListener(events::add);
            String id = monkey.arm("custom name=x -> exception dry-run");

            assertThatCode(() -> monkey.check("x")).doesNotThrowAnyException();

            assertThat(monkey.rule(id).orElseThrow().getInjected()).isEqualTo(1);
            assertThat(events).filteredOn(e -> e.type() == ChaosEvent.Type.INJECTED)
                    .singleElement().satisfies(e -> assertThat(e.dryRun()).isTrue());
        }

        @Test
        void globalDryRunMode() {
            monkey.arm("custom name=x -> exception");
            monkey.setDryRun(true);
            assertThatCode(() -> monkey.check("x")).doesNotThrowAnyException();
            monkey.setDryRun(false);
            assertThatThrownBy(() -> monkey.check("x")).isInstanceOf(ChaosInjectedException.class);
        }

        @Test
        void lifecycleEventsInOrder() {
            List<String> seen = new CopyOnWriteArrayList<>();
            monkey.addListener(e -> seen.add(e.type() + (e.ruleId() == null ? "" : ":" + e.ruleId())));
            String a = monkey.arm("custom name=a -> exception max=1 for=1m");
            String b = monkey.arm("custom name=b -> delay(1ms) after=10s for=1m");
            monkey.decideCustom("a");
            clock.advance(Duration.ofSeconds(10));
            monkey.disarm(b);
            clock.advance(Duration.ofMinutes(1));
            monkey.disable();
            monkey.enable();

            assertThat(seen).containsExactly("ARMED:" + a, "ARMED:" + b, "INJECTED:" + a, "EXHAUSTED:" + a,
                    "ACTIVATED:" + b, "DISARMED:" + b, "EXPIRED:" + a, "DISABLED", "ENABLED");
        }

        @Test
        void aThrowingListenerDoesNotBreakTheCall() {
            monkey.addListener(e -> {
                throw new IllegalStateException("listener bug");
            });
            monkey.arm("custom name=x -> delay(1ms)");
            assertThatCode(() -> monkey.check("x")).doesNotThrowAnyException();
            assertThat(monkey.totalInjections()).isEqualTo(1);
        }
    }
}
