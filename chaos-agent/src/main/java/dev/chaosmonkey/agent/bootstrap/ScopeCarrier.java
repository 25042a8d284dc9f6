package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.Callable;

/**
 * How woven executor code carries chaos scopes to the threads that run submitted work, in {@code java.base} terms.
 * The agent implements it over chaos-core's {@code ChaosScope} and installs it with
 * {@link ScopePropagation#install(ScopeCarrier)}.
 */
public interface ScopeCarrier {
    /** Whether any scoped rule is active, i.e. whether there is anything to carry. */
    boolean carrying();

    /** {@code task} bound to the scope current on the calling thread, or {@code task} when there is none. */
    Runnable wrap(Runnable task);

    /** {@code task} bound to the scope current on the calling thread, or {@code task} when there is none. */
    <V> Callable<V> wrap(Callable<V> task);

    /** What the bridge carries before the agent installed a carrier: nothing. */
    ScopeCarrier NONE = new ScopeCarrier() {
        @Override
        public boolean carrying() {
            return false;
        }

        @Override
        public Runnable wrap(Runnable task) {
            return task;
        }

        @Override
        public <V> Callable<V> wrap(Callable<V> task) {
            return task;
        }
    };
}
