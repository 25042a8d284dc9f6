package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code reset}, {@code reset(after=)}, {@code truncate(after=)}, {@code dribble(rate=)}: parsing and holds. */
class ResponseBodyFaultTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "reset; reset; -1; 0",
        "reset(after=0); reset(after=0B); 0; 0",
        "reset(after=1KB); reset(after=1KB); 1024; 0",
        "truncate(after=100); truncate(after=100B); 100; 0",
        "truncate(after=2mb); truncate(after=2MB); 2097152; 0",
        "dribble(rate=1KB/s); dribble(rate=1KB/s); -1; 1024",
        "dribble(rate=5B/s); dribble(rate=5B/s); -1; 5",
    })
    void parsesAndWritesBack(String written, String spec, long after, long rate) {
        ResponseBodyFault fault = (ResponseBodyFault) ChaosRule.parse("http -> " + written).fault();
        assertThat(fault.toSpec()).isEqualTo(spec);
        assertThat(fault.afterBytes()).isEqualTo(after);
        assertThat(fault.bytesPerSecond()).isEqualTo(rate);
        assertThat(ChaosRule.parse("http -> " + spec).fault()).isEqualTo(fault);
    }

    @Test
    void dribblesInTenthsOfASecond() {
        ResponseBodyFault fast = ResponseBodyFault.dribble(1000);
        assertThat(fast.chunkBytes()).isEqualTo(100);
        assertThat(fast.chunkPauseNanos()).isEqualTo(100_000_000L);
        ResponseBodyFault slow = ResponseBodyFault.dribble(4);
        assertThat(slow.chunkBytes()).isEqualTo(1);
        assertThat(slow.chunkPauseNanos()).isEqualTo(250_000_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "http -> truncate; 9; truncate needs the body bytes to keep",
        "http -> truncate(after=1kg); 18; '1kg' is not a size",
        "http -> truncate(after=-1); 18; '-1' is not a size",
        "http -> reset(1KB); 15; reset takes the body bytes before the failure as after=",
        "http -> reset(after=1KB, after=2KB); 26; reset takes the body bytes",
        "http -> dribble; 9; dribble takes the rate",
        "http -> dribble(rate=1KB); 17; '1KB' is not a rate",
        "http -> dribble(rate=0B/s); 17; dribble rate must be at least 1B/s",
        "http -> truncate(after=99999999MB); 18; is too large",
    })
    void badArgumentsNameTheProblemAndItsColumn(String spec, int column, String problem) {
        assertThatThrownBy(() -> ChaosRule.parse(spec)).isInstanceOfSatisfying(ChaosSpecException.class, e -> {
            assertThat(e.getMessage()).contains(problem);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }

    @Test
    void onlyTheHttpPointHasResponseBodies() {
        assertThatThrownBy(() -> ChaosRule.parse("jdbc -> truncate(after=1KB)"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> assertThat(e.column()).isEqualTo(9))
                .hasMessageContaining("only applies to the http point, not jdbc");
        assertThatThrownBy(() -> ChaosRule.parse("custom name=x -> reset"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> assertThat(e.column()).isEqualTo(18))
                .hasMessageContaining("only applies to the http point");
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            assertThatThrownBy(() -> monkey.arm("kafka -> dribble(rate=1KB/s)")).isInstanceOf(ChaosSpecException.class);
            assertThat(monkey.rules()).as("nothing half-armed").isEmpty();
        }
    }

    @Test
    void aClientThatCannotWrapBodiesGetsAnIoException() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            monkey.arm("http -> reset");
            Injection reset = monkey.decideHttp("GET", "http", "h", 80, "/");
            Throwable t = reset.performNoThrow(null, null);
            assertThat(t).isInstanceOf(java.net.SocketException.class).hasMessage("Connection reset");
            assertThat(ChaosMonkey.isInjected(t)).isTrue();
            monkey.disarmAll();
            String id = monkey.arm("http -> truncate(after=1KB)");
            Throwable truncated = monkey.decideHttp("GET", "http", "h", 80, "/").performNoThrow(null, null);
            assertThat(truncated).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("truncate(after=1KB) injected by rule " + id);
        }
    }

    @Test
    void theKillSwitchReleasesADribblingReader() throws Exception {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            monkey.arm("http -> dribble(rate=1B/s)");
            Injection injection = monkey.decideHttp("GET", "http", "h", 80, "/");
            AtomicReference<Boolean> held = new AtomicReference<>();
            Thread reader = new Thread(() -> held.set(injection.hold(Duration.ofSeconds(60).toNanos())));
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == 1);
            monkey.disarmAll();
            reader.join(Duration.ofSeconds(30).toMillis());
            assertThat(reader.isAlive()).isFalse();
            assertThat(held.get()).as("released, not run to its end").isFalse();
            assertThat(injection.hold(1_000_000_000L)).as("no hold after the kill switch").isFalse();
        }
    }

    @Test
    void aHoldOfAnActingRuleRunsItsCourse() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            monkey.arm("http -> dribble(rate=10B/s)");
            Injection injection = monkey.decideHttp("GET", "http", "h", 80, "/");
            long start = System.nanoTime();
            assertThat(injection.hold(50_000_000L)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
        }
    }
}
