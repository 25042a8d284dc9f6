package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.shop.Shelf;

import dev.chaosmonkey.agent.bootstrap.ChaosBridge;
import dev.chaosmonkey.core.ChaosMonkey;

/** {@code return(...)} on the method point through the packaged agent: the method returns the value, unrun. */
class MethodReturnIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    @Test
    void returnValuesFitTheMethodsReturnType() {
        Shelf catalog = new Shelf();
        long errors = ChaosBridge.internalErrors();
        String empty = MONKEY.arm("method class=com.example.shop.Shelf method=items -> return(empty)");
        assertThat(catalog.items()).isEmpty();
        MONKEY.disarm(empty);
        assertThat(catalog.items()).containsExactly("tea", "coffee");

        MONKEY.arm("method class=com.example.shop.Shelf method=find -> return(empty)");
        assertThat(catalog.find("tea")).isEqualTo(Optional.empty());
        MONKEY.disarmAll();

        MONKEY.arm("method class=com.example.shop.Shelf method=stock -> return(0)");
        assertThat(catalog.stock("tea")).isZero();
        MONKEY.disarmAll();

        MONKEY.arm("method class=com.example.shop.Shelf method=label -> return(null)");
        assertThat(catalog.label("tea")).isNull();
        MONKEY.disarmAll();

        MONKEY.arm("method class=com.example.shop.Shelf method=label -> return(\"out of stock\")");
        assertThat(catalog.label("tea")).isEqualTo("out of stock");
        MONKEY.disarmAll();

        MONKEY.arm("method class=com.example.shop.Shelf method=tags -> return(empty)");
        assertThat(catalog.tags()).isEmpty();
        MONKEY.disarmAll();

        String skip = MONKEY.arm("method class=com.example.shop.Shelf method=save -> return(null)");
        catalog.save();
        catalog.save();
        assertThat(catalog.saved()).isZero();
        assertThat(MONKEY.rule(skip).orElseThrow().getInjected()).isEqualTo(2);
        MONKEY.disarmAll();
        catalog.save();
        assertThat(catalog.saved()).isEqualTo(1);
        assertThat(ChaosBridge.internalErrors()).isEqualTo(errors);
    }

    @Test
    void aValueThatDoesNotFitLetsTheMethodRun() {
        Shelf catalog = new Shelf();
        long errors = ChaosBridge.internalErrors();
        MONKEY.arm("method class=com.example.shop.Shelf method=stock -> return(null)");
        assertThat(catalog.stock("tea")).isEqualTo(42);
        MONKEY.disarmAll();
        MONKEY.arm("method class=com.example.shop.Shelf method=label -> return(7)");
        assertThat(catalog.label("tea")).isEqualTo("label:tea");
        assertThat(ChaosBridge.internalErrors()).isEqualTo(errors);
    }
}
