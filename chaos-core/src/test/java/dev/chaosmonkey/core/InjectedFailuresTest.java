package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

/** Injected failures are labelled and recognised; exceptions may carry a cause. */
class InjectedFailuresTest {

    @Test
    void exceptionWithACauseKeepsItsMessageAndIsLabelled() {
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            monkey.enable();
            String spec = "custom name=disk -> exception(java.io.IOException, \"disk full\", cause=java.net.SocketException)";
            String id = monkey.arm(spec);
            assertThat(monkey.rule(id).orElseThrow().getSpec()).isEqualTo(spec);
            Throwable t = catchThrowable(() -> monkey.check("disk"));
            assertThat(t).isExactlyInstanceOf(IOException.class).hasMessage("disk full")
                    .cause().isExactlyInstanceOf(SocketException.class)
                    .hasMessage("chaos: cause injected by rule " + id);
            assertThat(t.getSuppressed()).singleElement().isInstanceOf(ChaosInjectedException.class)
                    .extracting(Throwable::getMessage).isEqualTo("chaos: injected by rule " + id);
            assertThat(ChaosMonkey.isInjected(t)).isTrue();
            assertThat(InjectedFailures.ruleId(t)).contains(id);
            // wrapped by a client or a retry library: still recognised
            assertThat(ChaosMonkey.isInjected(new IllegalStateException("retries exhausted", t))).isTrue();
            assertThat(InjectedFailures.ruleId(new RuntimeException(t))).contains(id);
        }
    }

    @Test
    void defaultsTimeoutsAndChaosExceptionsAreRecognisedOrganicOnesAreNot() {
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            monkey.enable();
            String id = monkey.arm("custom name=a -> exception");
            Throwable plain = catchThrowable(() -> monkey.check("a"));
            assertThat(plain).isInstanceOf(ChaosInjectedException.class);
            assertThat(plain.getSuppressed()).isEmpty();
            assertThat(InjectedFailures.ruleId(plain)).contains(id);
            monkey.disarmAll();
            String t = monkey.arm("custom name=b -> timeout(1ms, java.net.SocketTimeoutException)");
            Throwable timeout = catchThrowable(() -> monkey.check("b"));
            assertThat(ChaosMonkey.isInjected(timeout)).isTrue();
            assertThat(InjectedFailures.ruleId(timeout)).contains(t);
        }
        assertThat(ChaosMonkey.isInjected(new IOException("chaos engineering is fun"))).isFalse();
        assertThat(ChaosMonkey.isInjected(new RuntimeException(new SocketException("reset")))).isFalse();
        assertThat(ChaosMonkey.isInjected(null)).isFalse();
        // a cyclic suppression graph ends
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.addSuppressed(b);
        assertThat(ChaosMonkey.isInjected(a)).isFalse();
    }

    @Test
    void causeSpecsRoundTripAndBadOnesNameTheirColumn() {
        assertThat(ChaosRule.parse("custom -> exception(cause=java.io.IOException)").toSpec())
                .isEqualTo("custom -> exception(cause=java.io.IOException)");
        assertThat(ChaosRule.parse("custom -> exception(\"boom\", cause=java.io.IOException)").fault())
                .isEqualTo(new ExceptionFault(null, "boom", "java.io.IOException"));
        assertThatThrownBy(() -> ChaosRule.parse("custom -> exception(cause=java.io.IOException, \"boom\")"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> {
                    assertThat(e.getMessage()).contains("cause=<class> comes last");
                    assertThat(e.column()).isEqualTo(48);
                });
        assertThatThrownBy(() -> ChaosRule.parse("custom -> exception(java.io.IOException, cause=\"x y\")"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> assertThat(e.column()).isEqualTo(42));
    }
}
