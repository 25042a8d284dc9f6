package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.shop.Inventory;

import dev.chaosmonkey.core.ChaosMonkey;

/** The {@code method} point: classes named by rules are woven when the rule is armed. */
class MethodPointIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    @Test
    void alreadyLoadedClassIsRetransformedWhenTheRuleIsArmed() {
        Inventory inventory = new Inventory();
        assertThat(inventory.reserve(1)).isEqualTo(1);

        String id = MONKEY.arm("method class=com.example.shop.Inventory method=reserve -> "
                + "exception(java.lang.IllegalStateException, \"warehouse offline\")");
        assertThatThrownBy(() -> inventory.reserve(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("warehouse offline");
        assertThat(inventory.reserved()).isEqualTo(1);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);

        MONKEY.disarm(id);
        assertThat(inventory.reserve(2)).isEqualTo(3);
    }

    @Test
    void classLoadedLaterIsWovenAtLoadWithAGlob() {
        String id = MONKEY.arm("method class=com.example.shop.Pric* method=price* -> delay(120ms)");
        long start = System.nanoTime();
        assertThat(new com.example.shop.Pricing().priceOf("tea")).isEqualTo(300);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isEqualTo(1);
    }

    @Test
    void coexistsWithTheApplicationsOwnByteBuddy() {
        // Mockito generates classes with its own, unrelocated ByteBuddy while the agent's shaded one is active
        MONKEY.arm("method class=com.example.shop.Inventory method=reserved -> exception");
        Inventory mock = mock(Inventory.class);
        when(mock.reserve(5)).thenReturn(42);
        assertThat(mock.reserve(5)).isEqualTo(42);
        assertThatThrownBy(() -> new Inventory().reserved())
                .isInstanceOf(dev.chaosmonkey.core.ChaosInjectedException.class);
    }
}
