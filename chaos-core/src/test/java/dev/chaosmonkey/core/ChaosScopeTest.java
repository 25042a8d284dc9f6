package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scoped rules fire only inside their scope; scopes nest, propagate through wrap(...) and never leak. */
class ChaosScopeTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        monkey.close();
        assertThat(ChaosScope.current()).isNull();
    }

    @Test
    void aScopedRuleFiresOnlyInsideItsScope() {
        monkey.arm("custom name=pay -> exception scope=checkout-test");
        assertThat(monkey.decideCustom("pay")).isNull();
        try (ChaosScope scope = monkey.openScope("checkout-test")) {
            assertThat(ChaosScope.current()).isSameAs(scope);
            assertThat(monkey.decideCustom("pay")).isNotNull();
            assertThat(monkey.decideCustom("other")).isNull();
        }
        assertThat(monkey.decideCustom("pay")).isNull();
        try (ChaosScope other = monkey.openScope("search-test")) {
            assertThat(monkey.decideCustom("pay")).isNull();
        }
        RuleInfo info = monkey.rules().get(0);
        assertThat(info.getScope()).isEqualTo("checkout-test");
        assertThat(info.getMatched()).isEqualTo(1);
        assertThat(info.getInjected()).isEqualTo(1);
        assertThat(monkey.internalErrors()).isZero();
    }

    @Test
    void unscopedRulesActInsideAndOutsideScopesAndOrderStillDecides() {
        monkey.arm("custom name=pay -> delay(1ms) id=everyone");
        monkey.arm("custom name=pay -> exception scope=a id=only-a");
        assertThat(monkey.decideCustom("pay").ruleId()).isEqualTo("everyone");
        try (ChaosScope a = monkey.openScope("a")) {
            assertThat(monkey.decideCustom("pay").ruleId()).isEqualTo("everyone");
        }
        monkey.disarm("everyone");
        try (ChaosScope a = monkey.openScope("a")) {
            assertThat(monkey.decideCustom("pay").ruleId()).isEqualTo("only-a");
        }
    }

    @Test
    void scopesNestAndClosingRestoresTheOuterOne() {
        monkey.arm("custom name=pay -> exception scope=outer");
        try (ChaosScope outer = monkey.openScope("outer")) {
            try (ChaosScope inner = monkey.openScope("inner")) {
                assertThat(ChaosScope.current().name()).isEqualTo("inner");
                assertThat(monkey.decideCustom("pay")).isNull();
            }
            assertThat(ChaosScope.current()).isSameAs(outer);
            assertThat(monkey.decideCustom("pay")).isNotNull();
            outer.close();
            outer.close();
            assertThat(ChaosScope.current()).isNull();
        }
    }

    @Test
    void wrappedWorkCarriesTheScopeOfItsSubmitterNotOfTheExecutor() throws Exception {
        monkey.arm("custom name=pay -> exception scope=checkout-test");
        Callable<Boolean> fires = () -> monkey.decideCustom("pay") != null;
        assertThat(pool.submit(ChaosScope.wrap(fires)).get()).isFalse();
        java.util.concurrent.Executor scoped = ChaosScope.wrap(pool);
        try (ChaosScope scope = monkey.openScope("checkout-test")) {
            assertThat(pool.submit(fires).get()).as("unwrapped work leaves the scope behind").isFalse();
            assertThat(pool.submit(ChaosScope.wrap(fires)).get()).isTrue();
            boolean[] seen = new boolean[1];
            Future<?> f = pool.submit(ChaosScope.wrap(() -> {
                seen[0] = monkey.decideCustom("pay") != null;
            }));
            f.get();
            assertThat(seen[0]).isTrue();
            java.util.concurrent.CompletableFuture<Boolean> viaExecutor =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> monkey.decideCustom("pay") != null,
                            scoped);
            assertThat(viaExecutor.get(30, TimeUnit.SECONDS)).isTrue();
        }
        java.util.concurrent.CompletableFuture<Boolean> outside =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> monkey.decideCustom("pay") != null, scoped);
        assertThat(outside.get(30, TimeUnit.SECONDS)).isFalse();
        // the pool threads are left without a scope
        assertThat(pool.submit(ChaosScope::current).get()).isNull();
        assertThat(ChaosScope.wrap(fires)).isSameAs(fires);
    }

    @Test
    void twoThreadsInDifferentScopesEachSeeOnlyTheirOwnRuleCountedExactly() throws Exception {
        int calls = 20_000;
        monkey.arm("custom name=pay -> exception scope=a id=rule-a");
        monkey.arm("custom name=pay -> exception scope=b id=rule-b");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<long[]> a = inScope("a", "rule-a", calls, start);
        Callable<long[]> b = inScope("b", "rule-b", calls, start);
        Future<long[]> fa = pool.submit(a);
        Future<long[]> fb = pool.submit(b);
        long[] ra = fa.get(60, TimeUnit.SECONDS);
        long[] rb = fb.get(60, TimeUnit.SECONDS);
        assertThat(ra).containsExactly(calls, 0);
        assertThat(rb).containsExactly(calls, 0);
        for (RuleInfo info : monkey.rules()) {
            assertThat(info.getInjected()).as(info.getId()).isEqualTo(calls);
            assertThat(info.getMatched()).as(info.getId()).isEqualTo(calls);
        }
        assertThat(monkey.decideCustom("pay")).isNull();
        assertThat(monkey.internalErrors()).isZero();
    }

    /** Counts {own rule fired, other rule fired} over {@code calls} decisions in scope {@code name}. */
    private Callable<long[]> inScope(String name, String ownRule, int calls, CyclicBarrier start) {
        return () -> {
            long own = 0;
            long foreign = 0;
            try (ChaosScope scope = monkey.openScope(name)) {
                start.await(30, TimeUnit.SECONDS);
                for (int i = 0; i < calls; i++) {
                    Injection injection = monkey.decideCustom("pay");
                    if (injection != null && injection.ruleId().equals(ownRule)) {
                        own++;
                    } else if (injection != null) {
                        foreign++;
                    }
                }
            }
            return new long[] {own, foreign};
        };
    }

    @Test
    void theScopeOptionRoundTripsAndIsValidated() {
        ChaosRule rule = ChaosRule.parse("jdbc operation=query -> exception scope=checkout-test id=r1");
        assertThat(rule.scope()).isEqualTo("checkout-test");
        assertThat(rule.toSpec()).isEqualTo("jdbc operation=query -> exception scope=checkout-test id=r1");
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        ChaosRule built = ChaosRule.parse("jdbc -> exception").toBuilder()
                .scope("checkout-test").build();
        assertThat(built.toSpec()).contains(" scope=checkout-test");
        assertThat(ChaosRule.parse(built.toSpec())).isEqualTo(built);
        assertThat(built).isNotEqualTo(built.toBuilder().scope(null).build());

        assertThatThrownBy(() -> FaultSpec.parse("jdbc -> exception scope=bad/name"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("scope must be 1-64")
                .hasMessageContaining("column 25");
        assertThatThrownBy(() -> FaultSpec.parse("resource -> leak(cap=32MB) scope=a"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("cannot be scoped");
        assertThatThrownBy(() -> monkey.openScope("no spaces"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no spaces");
        assertThat(monkey.ruleCount()).isZero();
    }

    @Test
    void theSnapshotKnowsWhichPointsHaveScopedRules() {
        assertThat(monkey.hasScopedRules()).isFalse();
        String id = monkey.arm("jdbc -> exception scope=a");
        monkey.arm("http -> exception");
        assertThat(monkey.hasScopedRules()).isTrue();
        monkey.disarm(id);
        assertThat(monkey.hasScopedRules()).isFalse();
        monkey.arm("jdbc -> exception scope=a");
        monkey.disable();
        assertThat(monkey.hasScopedRules()).isFalse();
        assertThat(List.of(monkey.rules().get(1).getScope())).containsExactly("a");
    }
}
