package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code net} point: its attributes, its connection faults (reset, bandwidth, stall) and their checks. */
class NetPointTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "net host=db.example -> reset; net host=db.example -> reset",
        "net port=6379 operation=read -> reset(after=1024); net port=6379 operation=read -> reset(after=1KB)",
        "net -> bandwidth(16kb/s); net -> bandwidth(16KB/s)",
        "net -> bandwidth(1048576B/s); net -> bandwidth(1MB/s)",
        "net -> stall(after=4KB, for=30s); net -> stall(after=4KB, for=30s)",
        "net -> stall(for=2s); net -> stall(for=2s)",
        "net -> stall(after=100); net -> stall(after=100B)",
        "net address=127.0.0.1 operation=connect -> exception; net address=127.0.0.1 operation=connect -> exception",
        "net operation=close -> delay(200ms); net operation=close -> delay(200ms)",
    })
    void specsRoundTrip(String spec, String canonical) {
        ChaosRule rule = ChaosRule.parse(spec);
        assertThat(rule.point()).isEqualTo(InjectionPoint.NET);
        assertThat(rule.toSpec()).isEqualTo(canonical);
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "jdbc -> reset; 9; acts on HTTP response bodies: it only applies to the http point, not jdbc",
        "net -> truncate(after=1KB); 8; only applies to the http point, not net",
        "jdbc -> bandwidth(1KB/s); 9; only applies to the net point, not jdbc",
        "custom name=x -> stall(after=1KB); 18; only applies to the net point, not custom",
        "net -> reset(after=1XB); 14; '1XB' is not a size",
        "net -> reset(1KB); 14; reset takes the body bytes before the failure as after=",
        "net -> bandwidth(16KB); 18; '16KB' is not a rate",
        "net -> bandwidth(0KB/s); 18; is not a positive rate",
        "net -> bandwidth; 8; bandwidth takes one rate",
        "net -> stall(after=1KB, until=3s); 25; stall takes after=<bytes> and for=<duration>",
        "net -> stall(for=0ms); 14; stall for= must be positive",
        "net -> status(503); 8; only applies to the http point, not net",
        "net port=http -> reset; 10; port must be a number from 0 to 65535",
        "net url=x -> reset; 5; unknown attribute 'url' for point net (known: host, address, operation, port)",
    })
    void badSpecsNameTheProblemAndItsColumn(String spec, int column, String problem) {
        assertThatThrownBy(() -> ChaosRule.parse(spec)).isInstanceOfSatisfying(ChaosSpecException.class, e -> {
            assertThat(e.getMessage()).contains(problem);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }

    @Test
    void decidesOnHostCaseInsensitivelyAndOnPortAndOperation() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).jmx(false).build())) {
            String id = monkey.arm("net host=Redis.* port=6379 operation=read -> reset(after=1KB)");
            assertThat(monkey.decideNet("redis.local", "10.0.0.1", "write", 6379)).isNull();
            assertThat(monkey.decideNet("redis.local", "10.0.0.1", "read", 6380)).isNull();
            assertThat(monkey.decideNet("cache.local", "10.0.0.1", "read", 6379)).isNull();
            Injection fired = monkey.decideNet("REDIS.local", "10.0.0.1", "read", 6379);
            assertThat(fired).isNotNull();
            assertThat(fired.ruleId()).isEqualTo(id);
            assertThat(fired.fault().kind()).isEqualTo("reset");
            assertThat(((ResponseBodyFault) fired.fault()).afterBytes()).isEqualTo(1024);
            Throwable reset = fired.label(new java.net.SocketException("Connection reset"));
            assertThat(ChaosMonkey.isInjected(reset)).isTrue();
            assertThat(monkey.rule(id).orElseThrow().getInjected()).isEqualTo(1);
            // the address slot is its own: a rule on the literal address does not match the name
            monkey.disarmAll();
            monkey.arm("net address=10.0.0.* -> exception");
            assertThat(monkey.decideNet("redis.local", "10.0.0.1", "connect", 6379).newThrowable(null, null))
                    .isExactlyInstanceOf(java.net.ConnectException.class);
            assertThat(monkey.decideNet("redis.local", null, "connect", 6379)).isNull();
        }
    }

    @Test
    void heldConnectionFaultsAreReleasedByTheKillSwitch() throws Exception {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).jmx(false).build())) {
            monkey.arm("net -> stall(after=4KB)");
            Injection stall = monkey.decideNet("h", "127.0.0.1", "read", 1);
            assertThat(stall.acting()).isTrue();
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean ranItsCourse = new AtomicBoolean(true);
            Thread held = new Thread(() -> {
                started.countDown();
                ranItsCourse.set(stall.hold(Duration.ofMinutes(5).toNanos()));
            });
            held.start();
            started.await();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> monkey.heldCalls() == 1);
            monkey.disarmAll();
            held.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(held.isAlive()).isFalse();
            assertThat(ranItsCourse).isFalse();
            assertThat(stall.acting()).isFalse();
        }
    }

    @Test
    void aStallWithoutForLastsAsLongAsItsRuleAndPassesTheDelayLimit() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).jmx(false)
                .maxDelay(Duration.ofSeconds(1)).build())) {
            monkey.arm("net -> stall(after=1KB) for=1m");
            assertThatThrownBy(() -> monkey.arm("net -> stall(after=1KB, for=2s)"))
                    .hasMessageContaining("exceeds the maximum 1s (chaos.max-delay)");
        }
    }
}
