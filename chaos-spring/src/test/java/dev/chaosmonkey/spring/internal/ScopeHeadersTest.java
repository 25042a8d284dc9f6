package dev.chaosmonkey.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeHeadersTest {

    @Test
    void theHeaderWinsOverBaggageAndBaggageEntriesAreFoundAmongOthers() {
        assertThat(ScopeHeaders.requested(" a ", List.of("chaos.scope=b"))).isEqualTo("a");
        assertThat(ScopeHeaders.requested(null, List.of("k=v", "x=1, chaos.scope = b ;p=1"))).isEqualTo("b");
        assertThat(ScopeHeaders.requested("", null)).isNull();
        assertThat(ScopeHeaders.requested(null, List.of("chaos.scopes=b,other=chaos.scope"))).isNull();
    }

    @Test
    void outboundBaggageKeepsOtherEntriesAndReplacesTheScope() {
        assertThat(ScopeHeaders.withScope(null, "t")).isEqualTo("chaos.scope=t");
        assertThat(ScopeHeaders.withScope("a=1, chaos.scope=old,b=2", "t")).isEqualTo("a=1,b=2,chaos.scope=t");
    }

    @Test
    void onlyNamesTheSettingAllowsAreAccepted() {
        AllowedScopes none = new AllowedScopes("");
        assertThat(none.acceptsAny()).isFalse();
        assertThat(none.accept("checkout-test")).isNull();
        AllowedScopes some = new AllowedScopes("checkout-*, qa-?");
        assertThat(some.accept("checkout-test")).isEqualTo("checkout-test");
        assertThat(some.accept("qa-1")).isEqualTo("qa-1");
        assertThat(some.accept("qa-12")).isNull();
        assertThat(some.accept("checkout-a/b")).as("not a valid scope name").isNull();
        assertThat(new AllowedScopes("a.b").accept("aXb")).as("glob characters only").isNull();
    }
}
