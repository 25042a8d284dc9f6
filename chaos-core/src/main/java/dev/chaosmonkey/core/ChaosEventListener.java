package dev.chaosmonkey.core;

/**
 * Receives {@link ChaosEvent}s. Called synchronously on the thread that caused the event (for INJECTED, the thread
 * making the call), so keep it quick. Exceptions thrown by listeners are caught and logged once.
 */
@FunctionalInterface
public interface ChaosEventListener {
    /** Handles one event. */
    void onEvent(ChaosEvent event);
}
