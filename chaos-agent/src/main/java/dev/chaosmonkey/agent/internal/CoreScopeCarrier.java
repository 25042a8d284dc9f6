package dev.chaosmonkey.agent.internal;

import java.util.concurrent.Callable;

import dev.chaosmonkey.agent.bootstrap.ScopeCarrier;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosScope;

/** The bridge's scope carrier over one {@link ChaosMonkey} and the {@link ChaosScope} of its chaos-core. */
final class CoreScopeCarrier implements ScopeCarrier {
    private final ChaosMonkey monkey;

    CoreScopeCarrier(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    @Override
    public boolean carrying() {
        return monkey.hasScopedRules();
    }

    @Override
    public Runnable wrap(Runnable task) {
        return ChaosScope.wrap(task);
    }

    @Override
    public <V> Callable<V> wrap(Callable<V> task) {
        return ChaosScope.wrap(task);
    }
}
