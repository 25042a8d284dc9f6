package dev.chaosmonkey.core;

/**
 * Where to listen for one {@link ChaosMonkey}'s events, all of them or one kind at a time:
 *
 * <pre>{@code
 * monkey.getEventPublisher()
 *         .onInjected(e -> log.info("chaos injected {} on {}", e.faultKind(), e.point()))
 *         .onExpired(e -> log.info("rule {} expired", e.ruleId()));
 * }</pre>
 *
 * <p>Events are only created when someone listens for their kind: an {@code INJECTED} event is never allocated on
 * the hot path while only, say, {@code onExpired} listeners are registered. Listeners run synchronously on the
 * thread that caused the event; what they throw is caught and logged once.
 */
public interface ChaosEventPublisher {

    /** Listens for every event. */
    ChaosEventPublisher onEvent(ChaosEventListener listener);

    /** Listens for rules being armed. */
    ChaosEventPublisher onArmed(ChaosEventListener listener);

    /** Listens for pending rules ({@code after=}) becoming active. */
    ChaosEventPublisher onActivated(ChaosEventListener listener);

    /** Listens for injections (dry-run decisions included, see {@link ChaosEvent#dryRun()}). */
    ChaosEventPublisher onInjected(ChaosEventListener listener);

    /** Listens for rules using up their budget. */
    ChaosEventPublisher onExhausted(ChaosEventListener listener);

    /** Listens for rules expiring. */
    ChaosEventPublisher onExpired(ChaosEventListener listener);

    /** Listens for rules being disarmed. */
    ChaosEventPublisher onDisarmed(ChaosEventListener listener);

    /** Listens for chaos being enabled or disabled. */
    ChaosEventPublisher onSwitched(ChaosEventListener listener);

    /** Removes a listener from every kind it was registered for. */
    void remove(ChaosEventListener listener);
}
