package dev.chaosmonkey.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.spring.internal.InternalErrors;

/**
 * The kill switch releases the starter's WebClient holds (issue 9 item 3's known gap): in the running order service
 * (the shared application context), WebClient calls delayed 60 s and timed out after 60 s are counted in
 * {@code heldCalls} and complete with the real response within seconds of the switch, as if nothing had been
 * injected. "Well before the fault": under 20 s for a 60 s hold, 3x slack for a loaded machine.
 */
@OrderServiceTest
class WebClientHoldReleaseTest extends AppTestSupport {
    private static final long WELL_BEFORE_THE_FAULT_MS = 20_000;

    @Autowired
    ChaosMonkey monkey;
    @Autowired
    PricingClient pricing;

    private final long internalErrors = InternalErrors.count();

    @AfterEach
    void noInternalErrors() {
        monkey.rules().stream().filter(r -> !r.getId().equals("flaky-inventory")).forEach(r -> monkey.disarm(r.getId()));
        assertThat(InternalErrors.count()).as("internal errors of the starter").isEqualTo(internalErrors);
    }

    @Test
    void disarmReleasesAWebClientCallDelayedSixtySeconds() throws Exception {
        String id = monkey.arm("http path=/price/held-delay -> delay(60s)");
        CompletableFuture<String> call = pricing.price("held-delay").toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == 1);
        assertThat(call).isNotDone();

        long released = System.nanoTime();
        assertThat(monkey.disarm(id)).isTrue();
        assertThat(call.get(WELL_BEFORE_THE_FAULT_MS, TimeUnit.MILLISECONDS)).isEqualTo("9.99");
        assertThat(System.nanoTime() - released).isLessThan(TimeUnit.MILLISECONDS.toNanos(WELL_BEFORE_THE_FAULT_MS));
        assertThat(monkey.heldCalls()).isZero();
    }

    @Test
    void theKillSwitchReleasesATimeoutIntoTheRealExchange() throws Exception {
        monkey.arm("http path=/price/held-timeout -> timeout(60s)");
        CompletableFuture<String> call = pricing.price("held-timeout").toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == 1);

        long released = System.nanoTime();
        monkey.disable();
        try {
            // the real exchange, not the timeout's SocketTimeoutException
            assertThat(call.get(WELL_BEFORE_THE_FAULT_MS, TimeUnit.MILLISECONDS)).isEqualTo("9.99");
            assertThat(System.nanoTime() - released)
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(WELL_BEFORE_THE_FAULT_MS));
            assertThat(monkey.heldCalls()).isZero();
        } finally {
            monkey.enable();
        }
    }

    @Test
    void aCancelledCallIsNoLongerHeld() {
        monkey.arm("http path=/price/held-cancel -> delay(60s)");
        reactor.core.Disposable call = pricing.price("held-cancel").subscribe();
        await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == 1);
        call.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> monkey.heldCalls() == 0);
    }
}
