package dev.chaosmonkey.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one {@link ChaosMonkey} and the delivery of its events. A bit mask of the event types somebody
 * listens for lets the engine skip creating events nobody would see (one volatile read on the injection path).
 */
final class EventPublisher implements ChaosEventPublisher {
    private static final int ALL = -1;

    /** A listener and the event types it wants. */
    private static final class Entry {
        final ChaosEventListener listener;
        final int types;

        Entry(ChaosEventListener listener, int types) {
            this.listener = listener;
            this.types = types;
        }
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final ChaosClock clock;
    private final InternalErrors errors;
    private volatile int wanted;
    /**
     * Lifecycle events (armed, activated, exhausted, expired, disarmed, enabled, disabled) in the order of the
     * changes: queued while the engine's lock is held, delivered by {@link #drain()} after it was released, so a
     * listener never sees a rule expire before it was armed, whichever threads made the two changes.
     */
    private final ConcurrentLinkedQueue<ChaosEvent> ordered = new ConcurrentLinkedQueue<>();
    private final Object delivery = new Object();

    EventPublisher(ChaosClock clock, InternalErrors errors) {
        this.clock = clock;
        this.errors = errors;
    }

    private static int bit(ChaosEvent.Type type) {
        return 1 << type.ordinal();
    }

    private synchronized ChaosEventPublisher add(ChaosEventListener listener, int types) {
        entries.add(new Entry(Objects.requireNonNull(listener, "listener"), types));
        wanted |= types;
        return this;
    }

    @Override
    public synchronized void remove(ChaosEventListener listener) {
        entries.removeIf(e -> e.listener.equals(listener));
        int w = 0;
        for (Entry e : entries) {
            w |= e.types;
        }
        wanted = w;
    }

    @Override
    public ChaosEventPublisher onEvent(ChaosEventListener listener) {
        return add(listener, ALL);
    }

    @Override
    public ChaosEventPublisher onArmed(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.ARMED));
    }

    @Override
    public ChaosEventPublisher onActivated(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.ACTIVATED));
    }

    @Override
    public ChaosEventPublisher onInjected(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.INJECTED));
    }

    @Override
    public ChaosEventPublisher onExhausted(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.EXHAUSTED));
    }

    @Override
    public ChaosEventPublisher onExpired(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.EXPIRED));
    }

    @Override
    public ChaosEventPublisher onDisarmed(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.DISARMED));
    }

    @Override
    public ChaosEventPublisher onSwitched(ChaosEventListener listener) {
        return add(listener, bit(ChaosEvent.Type.ENABLED) | bit(ChaosEvent.Type.DISABLED));
    }

    /** Whether anybody listens for {@code type}: one volatile read. */
    boolean wants(ChaosEvent.Type type) {
        return (wanted & bit(type)) != 0;
    }

    /** The event for a rule ({@code null} for switch events). */
    ChaosEvent event(ChaosEvent.Type type, RuleRuntime r, boolean dry) {
        return new ChaosEvent(type, r == null ? null : r.id, r == null ? null : r.point(),
                r == null ? null : r.fault().kind(), r == null ? null : r.spec, clock.currentTimeMillis(), dry,
                r == null ? null : r.scope);
    }

    /** Creates and delivers an event if anybody listens for its type. */
    void fire(ChaosEvent.Type type, RuleRuntime r) {
        if (wants(type)) {
            fire(event(type, r, false));
        }
    }

    /** Queues a lifecycle event if anybody listens for its type; call with the engine's lock held. */
    void queue(ChaosEvent.Type type, RuleRuntime r) {
        if (wants(type)) {
            ordered.add(event(type, r, false));
        }
    }

    /** Queues lifecycle events collected under the engine's lock; call with that lock still held. */
    void queue(List<ChaosEvent> events) {
        ordered.addAll(events);
    }

    /**
     * Delivers the queued lifecycle events in order; call after the engine's lock was released (a listener may call
     * the engine). When it returns, every event this thread queued was delivered, by this thread or another one.
     */
    void drain() {
        if (ordered.isEmpty()) {
            return;
        }
        synchronized (delivery) {
            ChaosEvent e;
            while ((e = ordered.poll()) != null) {
                fire(e);
            }
        }
    }

    void fire(ChaosEvent event) {
        int b = bit(event.type());
        for (Entry e : entries) {
            if ((e.types & b) == 0) {
                continue;
            }
            try {
                e.listener.onEvent(event);
            } catch (RuntimeException ex) {
                errors.record("listener-" + e.listener.getClass().getName(), "chaos event listener "
                        + e.listener.getClass().getName() + " threw", ex);
            }
        }
    }
}
