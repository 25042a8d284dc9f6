package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@code return(...)}: parsing, the method-point restriction and fitting the value to a return type. */
class ReturnFaultTest {
    private static ReturnFault fault(String spec) {
        return (ReturnFault) ChaosRule.parse("method class=a.B method=c -> " + spec).fault();
    }

    @Test
    void valuesFitTheReturnType() {
        ReturnFault empty = fault("return(empty)");
        assertThat(empty.valueFor(List.class)).isEqualTo(List.of());
        assertThat(empty.valueFor(Collection.class)).isEqualTo(List.of());
        assertThat(empty.valueFor(Set.class)).isEqualTo(Set.of());
        assertThat(empty.valueFor(Map.class)).isEqualTo(Map.of());
        assertThat(empty.valueFor(Optional.class)).isEqualTo(Optional.empty());
        assertThat(empty.valueFor(OptionalInt.class)).isEqualTo(OptionalInt.empty());
        assertThat(empty.valueFor(String.class)).isEqualTo("");
        assertThat((int[]) empty.valueFor(int[].class)).isEmpty();
        assertThat(empty.valueFor(java.util.ArrayList.class)).isSameAs(ReturnFault.NO_VALUE);
        assertThat(empty.valueFor(int.class)).isSameAs(ReturnFault.NO_VALUE);

        ReturnFault nothing = fault("return(null)");
        assertThat(nothing.valueFor(String.class)).isNull();
        assertThat(nothing.valueFor(long.class)).isSameAs(ReturnFault.NO_VALUE);
        assertThat(nothing.valueFor(void.class)).isNull();

        assertThat(fault("return(42)").valueFor(int.class)).isEqualTo(42);
        assertThat(fault("return(42)").valueFor(Long.class)).isEqualTo(42L);
        assertThat(fault("return(42)").valueFor(double.class)).isEqualTo(42.0);
        assertThat(fault("return(0.5)").valueFor(int.class)).isSameAs(ReturnFault.NO_VALUE);
        assertThat(fault("return(300)").valueFor(byte.class)).isSameAs(ReturnFault.NO_VALUE);
        assertThat(fault("return(42)").valueFor(String.class)).isSameAs(ReturnFault.NO_VALUE);
        assertThat(fault("return(true)").valueFor(boolean.class)).isEqualTo(true);
        assertThat(fault("return(\"sold out\")").valueFor(CharSequence.class)).isEqualTo("sold out");
        assertThat(fault("return(\"sold out\")").toSpec()).isEqualTo("return(\"sold out\")");
    }

    @Test
    void badReturnsNameTheProblem() {
        assertThatThrownBy(() -> ChaosRule.parse("method class=a.B -> return(maybe)"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> {
                    assertThat(e.getMessage()).contains("'maybe' is not a return value");
                    assertThat(e.column()).isEqualTo(28);
                });
        assertThatThrownBy(() -> ChaosRule.parse("method class=a.B -> return"))
                .hasMessageContaining("return takes one value");
        assertThatThrownBy(() -> ChaosRule.parse("http -> return(null)"))
                .hasMessageContaining("only applies to the method point, not http");
    }
}
