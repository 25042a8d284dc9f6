package dev.chaosmonkey.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.Durations;
import dev.chaosmonkey.core.internal.SqlStates;
import dev.chaosmonkey.core.internal.Throwables;

/**
 * The chaos engine: armed rules, the decisions instrumented code asks for, safety switches and events.
 *
 * <p>{@link #global()} is the one instance per JVM shared by the agent, the JUnit extension, the Spring starter and
 * JMX; {@link #create(ChaosConfig)} makes isolated instances for tests. Chaos is off until {@link #enable()} (or
 * {@code -Dchaos.enabled=true} / {@code CHAOS_ENABLED=true}); enabling is refused in an environment named like
 * production unless {@code chaos.allow-production=true}. Every rule expires (default 10 minutes).
 *
 * <pre>{@code
 * ChaosMonkey monkey = ChaosMonkey.global();
 * monkey.enable();
 * String id = monkey.arm("jdbc sql~\"(?i)from orders\" -> exception(java.sql.SQLTransientConnectionException, \"db down\") p=0.3 for=5m");
 * ...
 * monkey.disarm(id);      // or monkey.disarmAll(): the kill switch
 * }</pre>
 *
 * <p>Hot path: when no rule is armed at a point, a {@code decide*} call is one volatile read and a branch. With rules
 * armed it is lock-free and a call no rule matches allocates nothing.
 */
public final class ChaosMonkey implements AutoCloseable {

    /** The version of chaos-core. */
    public static final String VERSION = dev.chaosmonkey.core.internal.CoreVersion.VALUE;

    /** JMX name of the global instance's MBean. */
    public static final String OBJECT_NAME = "dev.chaosmonkey:type=ChaosMonkey";

    private static final ArmedRule[] NO_RULES = new ArmedRule[0];

    /** Immutable per-point rule arrays: the only state the hot path reads. */
    private static final class Snapshot {
        final ArmedRule[][] byPoint;
        final int mask;

        Snapshot(ArmedRule[][] byPoint, int mask) {
            this.byPoint = byPoint;
            this.mask = mask;
        }
    }

    private static final Snapshot EMPTY;

    static {
        ArmedRule[][] none = new ArmedRule[InjectionPoint.values().length][];
        java.util.Arrays.fill(none, NO_RULES);
        EMPTY = new Snapshot(none, 0);
    }

    private static final class GlobalHolder {
        static final ChaosMonkey INSTANCE = createGlobal();
    }

    private final ChaosConfig config;
    private final ChaosClock clock;
    private final Object lock = new Object();
    private final Map<String, ArmedRule> rules = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<ChaosEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong limitedInjections = new AtomicLong();
    private final LongAdder totalInjections = new LongAdder();
    private volatile Snapshot snapshot = EMPTY;
    private volatile boolean enabled;
    private volatile boolean dryRun;
    private volatile ObjectName registeredName;

    private ChaosMonkey(ChaosConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.dryRun = config.dryRun();
    }

    /** The process-wide instance, configured from system properties and environment variables. */
    public static ChaosMonkey global() {
        return GlobalHolder.INSTANCE;
    }

    /** An isolated, disabled instance with default settings. */
    public static ChaosMonkey create() {
        return create(ChaosConfig.ofDefaults());
    }

    /**
     * An isolated instance (no JMX registration unless {@link #registerMBean(String)} is called).
     *
     * @throws IllegalStateException if the config asks to start enabled in a production environment
     */
    public static ChaosMonkey create(ChaosConfig config) {
        ChaosMonkey monkey = new ChaosMonkey(config);
        if (config.enabled()) {
            monkey.enable();
        }
        return monkey;
    }

    private static ChaosMonkey createGlobal() {
        ChaosConfig config;
        try {
            config = ChaosConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            ChaosLog.warn("ignoring invalid chaos settings, using defaults: " + e.getMessage());
            config = ChaosConfig.ofDefaults();
        }
        ChaosMonkey monkey = new ChaosMonkey(config);
        if (config.enabled()) {
            try {
                monkey.enable();
            } catch (IllegalStateException e) {
                ChaosLog.warn(e.getMessage());
            }
        }
        if (config.jmx()) {
            try {
                monkey.registerMBean(OBJECT_NAME);
            } catch (RuntimeException | LinkageError e) {
                ChaosLog.warn("could not register the chaos MBean " + OBJECT_NAME + ": " + e);
            }
        }
        return monkey;
    }

    /** This instance's settings. */
    public ChaosConfig config() {
        return config;
    }

    // ---- switches -------------------------------------------------------------------------------------------

    /** Whether chaos is enabled: armed rules only act while it is. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Enables chaos.
     *
     * @throws IllegalStateException if the environment is named like production and production is not allowed
     */
    public void enable() {
        if (config.isProduction() && !config.allowProduction()) {
            throw new IllegalStateException("refusing to enable chaos in environment '" + config.environment()
                    + "': set chaos.allow-production=true to allow it");
        }
        List<ChaosEvent> events = new ArrayList<>();
        synchronized (lock) {
            if (enabled) {
                return;
            }
            enabled = true;
            refreshLocked(events);
        }
        ChaosLog.info("chaos enabled" + (config.environment() == null ? "" : " in " + config.environment()));
        fire(events);
        fire(ChaosEvent.Type.ENABLED, null);
    }

    /** Disables chaos: rules stay armed (and keep expiring) but inject nothing; resource faults stop. */
    public void disable() {
        List<ChaosEvent> events = new ArrayList<>();
        synchronized (lock) {
            if (!enabled) {
                return;
            }
            enabled = false;
            refreshLocked(events);
        }
        ChaosLog.info("chaos disabled");
        fire(ChaosEvent.Type.DISABLED, null);
    }

    /** Whether all rules only record what they would inject. */
    public boolean isDryRun() {
        return dryRun;
    }

    /** Switches dry-run mode for all rules: decide and record, inject nothing. */
    public void setDryRun(boolean dryRun) {
        List<ChaosEvent> events = new ArrayList<>();
        synchronized (lock) {
            this.dryRun = dryRun;
            refreshLocked(events);
        }
        ChaosLog.info("chaos dry-run mode " + (dryRun ? "on" : "off"));
    }

    // ---- arming ---------------------------------------------------------------------------------------------

    /**
     * Parses and arms one spec.
     *
     * @return the rule id
     * @throws ChaosSpecException if the spec is malformed or cannot be armed; nothing is armed then
     */
    public String arm(String spec) {
        return arm(FaultSpec.parse(spec));
    }

    /** Arms one rule and returns its id. */
    public String arm(ChaosRule rule) {
        return armAll(List.of(rule)).get(0);
    }

    /** Parses a multi-line text of specs and arms them all, or none if any is bad. */
    public List<String> armAll(String specs) {
        return armAll(FaultSpec.parseAll(specs));
    }

    /**
     * Arms several rules atomically: either all are armed or, on the first problem, none.
     *
     * @return the ids in order
     * @throws ChaosSpecException naming the rule and the problem
     */
    public List<String> armAll(Collection<ChaosRule> newRules) {
        List<ChaosEvent> events = new ArrayList<>();
        List<ArmedRule> armed = new ArrayList<>();
        synchronized (lock) {
            if (rules.size() + newRules.size() > config.maxRules()) {
                throw new ChaosSpecException(newRules.isEmpty() ? "" : newRules.iterator().next().toSpec(), 0, 0,
                        "blast radius: arming " + newRules.size() + " rule(s) would make " + (rules.size()
                                + newRules.size()) + " armed, the limit is " + config.maxRules() + " (chaos.max-rules)");
            }
            Set<String> batchIds = new HashSet<>();
            long nowNanos = clock.nanoTime();
            long nowMillis = clock.currentTimeMillis();
            for (ChaosRule rule : newRules) {
                armed.add(prepare(rule, batchIds, nowNanos, nowMillis));
            }
            for (ArmedRule r : armed) {
                rules.put(r.id, r);
            }
            try {
                startResources(armed);
            } catch (RuntimeException e) {
                for (ArmedRule r : armed) {
                    rules.remove(r.id);
                }
                throw new ChaosSpecException(armed.get(0).spec, 0, 0, "cannot start resource fault: "
                        + e.getMessage());
            }
            for (ArmedRule r : armed) {
                scheduleNext(r);
                events.add(event(ChaosEvent.Type.ARMED, r, false));
            }
            rebuildLocked();
        }
        List<String> ids = new ArrayList<>();
        for (ArmedRule r : armed) {
            ids.add(r.id);
            ChaosLog.info("chaos rule " + r.id + " armed: " + r.spec + " (expires "
                    + java.time.Instant.ofEpochMilli(r.expiresAtMillis) + (enabled ? ")" : "; chaos is DISABLED)"));
        }
        fire(events);
        return ids;
    }

    private ArmedRule prepare(ChaosRule rule, Set<String> batchIds, long nowNanos, long nowMillis) {
        String spec = rule.toSpec();
        String id = rule.id();
        if (id == null) {
            do {
                id = "r" + nextId.incrementAndGet();
            } while (rules.containsKey(id) || batchIds.contains(id));
        } else if (rules.containsKey(id) || batchIds.contains(id)) {
            throw new ChaosSpecException(spec, 0, 0, "a rule with id '" + id + "' is already armed");
        }
        batchIds.add(id);
        Duration duration = rule.duration() == null ? config.defaultDuration() : rule.duration();
        if (duration.compareTo(config.maxDuration()) > 0) {
            throw new ChaosSpecException(spec, 0, 0, "for=" + Durations.format(duration) + " exceeds the maximum "
                    + Durations.format(config.maxDuration()) + " (chaos.max-duration)");
        }
        Duration longest = null;
        if (rule.fault() instanceof DelayFault) {
            longest = ((DelayFault) rule.fault()).maximum();
        } else if (rule.fault() instanceof TimeoutFault) {
            longest = ((TimeoutFault) rule.fault()).bound();
        }
        if (longest != null && longest.compareTo(config.maxDelay()) > 0) {
            throw new ChaosSpecException(spec, 0, 0, rule.fault().kind() + " of up to " + Durations.format(longest)
                    + " exceeds the maximum " + Durations.format(config.maxDelay()) + " (chaos.max-delay)");
        }
        Class<? extends Throwable> type = null;
        String explicit = null;
        if (rule.fault() instanceof ExceptionFault) {
            explicit = ((ExceptionFault) rule.fault()).className();
        } else if (rule.fault() instanceof TimeoutFault) {
            explicit = ((TimeoutFault) rule.fault()).exceptionClass();
        }
        if (explicit != null) {
            try {
                type = Throwables.resolve(explicit, null);
                if (rule.fault() instanceof ExceptionFault && (((ExceptionFault) rule.fault()).sqlState() != null
                        || ((ExceptionFault) rule.fault()).vendorCode() != null)) {
                    SqlStates.checkCarrier(type);
                }
            } catch (IllegalArgumentException e) {
                throw new ChaosSpecException(spec, 0, 0, e.getMessage());
            }
        }
        return new ArmedRule(id, rule, type, rule.dryRun(), nowNanos, nowMillis, duration.toNanos());
    }

    /** Starts resource faults that should run now; on failure stops those started and rethrows. */
    private void startResources(List<ArmedRule> candidates) {
        List<ArmedRule> started = new ArrayList<>();
        try {
            for (ArmedRule r : candidates) {
                if (shouldRun(r) && r.running == null) {
                    r.running = ((ResourceFault) r.rule.fault()).start(r.id);
                    started.add(r);
                }
            }
        } catch (RuntimeException e) {
            for (ArmedRule r : started) {
                stopResource(r);
            }
            throw e;
        }
    }

    private boolean shouldRun(ArmedRule r) {
        return r.rule.fault() instanceof ResourceFault && enabled && !dryRun && !r.dryRun
                && (r.state == ArmedRule.State.ACTIVE || r.state == ArmedRule.State.EXHAUSTED);
    }

    private static void stopResource(ArmedRule r) {
        ResourceFault.Running running = r.running;
        r.running = null;
        if (running != null) {
            try {
                running.stop();
            } catch (RuntimeException e) {
                ChaosLog.warn("chaos rule " + r.id + ": stopping its resource fault failed", e);
            }
        }
    }

    /** Starts or stops resource faults to match the current switches; drops rules whose fault cannot start. */
    private void refreshLocked(List<ChaosEvent> events) {
        for (ArmedRule r : new ArrayList<>(rules.values())) {
            if (shouldRun(r)) {
                if (r.running == null) {
                    try {
                        startResources(List.of(r));
                    } catch (RuntimeException e) {
                        ChaosLog.warn("chaos rule " + r.id + " disarmed: its resource fault could not start: "
                                + e.getMessage());
                        removeLocked(r);
                        events.add(event(ChaosEvent.Type.DISARMED, r, false));
                    }
                }
            } else if (r.running != null) {
                stopResource(r);
            }
        }
        rebuildLocked();
    }

    private void scheduleNext(ArmedRule r) {
        if (r.timer != null) {
            r.timer.cancel();
        }
        long at = r.state == ArmedRule.State.PENDING ? r.startAtNanos : r.expiresAtNanos;
        r.timer = clock.schedule(this::sweep, at - clock.nanoTime());
    }

    private void rebuildLocked() {
        if (!enabled || rules.isEmpty()) {
            snapshot = EMPTY;
            return;
        }
        InjectionPoint[] points = InjectionPoint.values();
        List<List<ArmedRule>> lists = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            lists.add(new ArrayList<>());
        }
        int mask = 0;
        for (ArmedRule r : rules.values()) {
            if (r.state == ArmedRule.State.ACTIVE) {
                lists.get(r.point().ordinal()).add(r);
                mask |= r.point().bit();
            }
        }
        ArmedRule[][] byPoint = new ArmedRule[points.length][];
        for (int i = 0; i < points.length; i++) {
            byPoint[i] = lists.get(i).isEmpty() ? NO_RULES : lists.get(i).toArray(NO_RULES);
        }
        snapshot = new Snapshot(byPoint, mask);
    }

    // ---- disarming ------------------------------------------------------------------------------------------

    /**
     * Disarms one rule; its effect ends at once.
     *
     * @return whether a rule with that id was armed
     */
    public boolean disarm(String id) {
        ArmedRule r;
        synchronized (lock) {
            r = rules.get(id);
            if (r == null) {
                return false;
            }
            removeLocked(r);
            rebuildLocked();
        }
        ChaosLog.info("chaos rule " + r.id + " disarmed after " + r.injectedCount() + " injection(s): " + r.spec);
        fire(ChaosEvent.Type.DISARMED, r);
        return true;
    }

    /**
     * The kill switch: disarms every rule at once.
     *
     * @return how many rules were disarmed
     */
    public int disarmAll() {
        List<ArmedRule> removed;
        synchronized (lock) {
            removed = new ArrayList<>(rules.values());
            for (ArmedRule r : removed) {
                removeLocked(r);
            }
            rebuildLocked();
        }
        if (!removed.isEmpty()) {
            ChaosLog.info("chaos kill switch: disarmed " + removed.size() + " rule(s)");
        }
        for (ArmedRule r : removed) {
            fire(ChaosEvent.Type.DISARMED, r);
        }
        return removed.size();
    }

    private void removeLocked(ArmedRule r) {
        rules.remove(r.id);
        r.state = ArmedRule.State.REMOVED;
        if (r.timer != null) {
            r.timer.cancel();
            r.timer = null;
        }
        stopResource(r);
    }

    /**
     * Applies due activations and expiries now. Timers call this; it is public so that callers with a manual clock
     * (and the curious) can force it.
     */
    public void sweep() {
        List<ArmedRule> activated = new ArrayList<>();
        List<ArmedRule> expired = new ArrayList<>();
        List<ChaosEvent> events = new ArrayList<>();
        synchronized (lock) {
            long now = clock.nanoTime();
            for (ArmedRule r : new ArrayList<>(rules.values())) {
                if (now - r.expiresAtNanos >= 0) {
                    removeLocked(r);
                    expired.add(r);
                } else if (r.state == ArmedRule.State.PENDING && now - r.startAtNanos >= 0) {
                    r.state = ArmedRule.State.ACTIVE;
                    activated.add(r);
                    scheduleNext(r);
                }
            }
            if (activated.isEmpty() && expired.isEmpty()) {
                return;
            }
            refreshLocked(events);
        }
        for (ArmedRule r : activated) {
            ChaosLog.info("chaos rule " + r.id + " active: " + r.spec);
            fire(ChaosEvent.Type.ACTIVATED, r);
        }
        for (ArmedRule r : expired) {
            ChaosLog.info("chaos rule " + r.id + " expired after " + r.injectedCount() + " injection(s): " + r.spec);
            fire(ChaosEvent.Type.EXPIRED, r);
        }
        fire(events);
    }

    /** Called by a rule whose budget is used up. */
    void exhausted(ArmedRule r) {
        synchronized (lock) {
            if (r.state != ArmedRule.State.ACTIVE) {
                return;
            }
            r.state = ArmedRule.State.EXHAUSTED;
            rebuildLocked();
        }
        ChaosLog.info("chaos rule " + r.id + " exhausted its budget of " + r.rule.maxInjections() + ": " + r.spec);
        fire(ChaosEvent.Type.EXHAUSTED, r);
    }

    boolean reserveGlobalInjection() {
        long max = config.maxInjections();
        if (max == 0) {
            totalInjections.increment();
            return true;
        }
        while (true) {
            long c = limitedInjections.get();
            if (c >= max) {
                ChaosLog.warnOnce("global-budget@" + System.identityHashCode(this), "chaos global injection budget of "
                        + max + " is used up (chaos.max-injections); no more faults will be injected", null);
                return false;
            }
            if (limitedInjections.compareAndSet(c, c + 1)) {
                totalInjections.increment();
                return true;
            }
        }
    }

    void releaseGlobalInjection() {
        if (config.maxInjections() != 0) {
            limitedInjections.decrementAndGet();
            totalInjections.decrement();
        }
    }

    // ---- queries --------------------------------------------------------------------------------------------

    /** Snapshots of the armed rules, in arming order. */
    public List<RuleInfo> rules() {
        List<ArmedRule> copy;
        synchronized (lock) {
            copy = new ArrayList<>(rules.values());
        }
        List<RuleInfo> infos = new ArrayList<>(copy.size());
        for (ArmedRule r : copy) {
            infos.add(r.info());
        }
        return infos;
    }

    /** How many rules are armed (in any state), without building their snapshots. */
    public int ruleCount() {
        synchronized (lock) {
            return rules.size();
        }
    }

    /** One armed rule's snapshot. */
    public Optional<RuleInfo> rule(String id) {
        ArmedRule r;
        synchronized (lock) {
            r = rules.get(id);
        }
        return r == null ? Optional.empty() : Optional.of(r.info());
    }

    /** Injections so far across all rules (dry-run decisions included). */
    public long totalInjections() {
        return totalInjections.sum();
    }

    /** Bit set of points with at least one active rule (see {@link InjectionPoint#bit()}); 0 while disabled. */
    public int armedPointsMask() {
        return snapshot.mask;
    }

    /** Whether any active rule is on {@code point}: one volatile read. Instrumentation checks this first. */
    public boolean isArmed(InjectionPoint point) {
        return (snapshot.mask & point.bit()) != 0;
    }

    // ---- decisions (hot path) -------------------------------------------------------------------------------

    /**
     * Decides for a JDBC call.
     *
     * @param operation {@code connect}, {@code query}, {@code update}, {@code execute} or {@code batch}
     * @param sql the statement text, or {@code null} for connects
     * @param url the JDBC URL, or {@code null} if unknown
     * @return the injection to perform, or {@code null} to proceed normally
     */
    public Injection decideJdbc(String operation, String sql, String url) {
        Snapshot s = snapshot;
        if ((s.mask & InjectionPoint.JDBC.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.JDBC, sql, operation, url, null, 0);
    }

    /** Decides for an outgoing HTTP call; {@code port} -1 when unknown. */
    public Injection decideHttp(String method, String scheme, String host, int port, String path) {
        Snapshot s = snapshot;
        if ((s.mask & InjectionPoint.HTTP.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.HTTP, method, scheme, host, path, port);
    }

    /** Decides for a Kafka producer send. */
    public Injection decideKafka(String topic, boolean keyPresent) {
        Snapshot s = snapshot;
        if ((s.mask & InjectionPoint.KAFKA.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.KAFKA, topic, null, null, null, keyPresent ? 1 : 0);
    }

    /** Decides for an instrumented method. */
    public Injection decideMethod(String className, String methodName) {
        Snapshot s = snapshot;
        if ((s.mask & InjectionPoint.METHOD.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.METHOD, className, methodName, null, null, 0);
    }

    /** Decides for a named custom point. */
    public Injection decideCustom(String name) {
        Snapshot s = snapshot;
        if ((s.mask & InjectionPoint.CUSTOM.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.CUSTOM, name, null, null, null, 0);
    }

    /**
     * A custom injection point in application code: performs whatever an armed {@code custom name=...} rule says
     * (throw, delay, hang) or returns at once.
     *
     * <pre>{@code ChaosMonkey.global().check("payment-gateway");}</pre>
     */
    public void check(String name) {
        Injection injection = decideCustom(name);
        if (injection != null) {
            injection.perform(Thread.currentThread().getContextClassLoader());
        }
    }

    private Injection decide(Snapshot s, InjectionPoint point, String s0, String s1, String s2, String s3, long n) {
        try {
            ArmedRule[] candidates = s.byPoint[point.ordinal()];
            for (ArmedRule r : candidates) {
                if (!r.matches(s0, s1, s2, s3, n)) {
                    continue;
                }
                int outcome = r.tryFire(this);
                if (outcome == ArmedRule.SKIP) {
                    continue;
                }
                boolean dry = (outcome & ArmedRule.DRY) != 0 || dryRun;
                injected(r, dry);
                if ((outcome & ArmedRule.LAST) != 0) {
                    exhausted(r);
                }
                return dry ? null : r;
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            ChaosLog.warnOnce("decide-" + point, "chaos internal error while deciding at " + point.specName()
                    + "; the call proceeds normally", t);
        }
        return null;
    }

    private void injected(ArmedRule r, boolean dry) {
        // a plain read first: a compare-and-set on every injection would make threads fight over the cache line
        if (!r.firstInjectionLogged.get() && r.firstInjectionLogged.compareAndSet(false, true)) {
            ChaosLog.info("chaos rule " + r.id + (dry ? " would inject (dry run)" : " injected") + " its first "
                    + r.rule.fault().kind() + ": " + r.spec);
        }
        if (!listeners.isEmpty()) {
            fire(event(ChaosEvent.Type.INJECTED, r, dry));
        }
    }

    // ---- events ---------------------------------------------------------------------------------------------

    /** Registers a listener for all events. */
    public void addListener(ChaosEventListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(ChaosEventListener listener) {
        listeners.remove(listener);
    }

    private ChaosEvent event(ChaosEvent.Type type, ArmedRule r, boolean dry) {
        return new ChaosEvent(type, r == null ? null : r.id, r == null ? null : r.point(),
                r == null ? null : r.rule.fault().kind(), r == null ? null : r.spec, clock.currentTimeMillis(), dry);
    }

    private void fire(ChaosEvent.Type type, ArmedRule r) {
        if (!listeners.isEmpty()) {
            fire(event(type, r, false));
        }
    }

    private void fire(List<ChaosEvent> events) {
        for (ChaosEvent e : events) {
            fire(e);
        }
    }

    private void fire(ChaosEvent event) {
        for (ChaosEventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                ChaosLog.warnOnce("listener-" + l.getClass().getName(), "chaos event listener " + l.getClass().getName()
                        + " threw", e);
            }
        }
    }

    // ---- JMX ------------------------------------------------------------------------------------------------

    /**
     * Registers this instance's MXBean in the platform MBean server.
     *
     * @return the registered name
     * @throws IllegalStateException if the name is taken (by another chaos-core copy, whose version is named)
     */
    public ObjectName registerMBean(String name) {
        try {
            ObjectName objectName = new ObjectName(name);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                Object other;
                try {
                    other = server.getAttribute(objectName, "Version");
                } catch (Exception e) {
                    other = "unknown";
                }
                throw new IllegalStateException(name + " is already registered by chaos-core " + other
                        + "; this copy is " + VERSION + (VERSION.equals(other) ? "" : " (VERSION MISMATCH:"
                        + " the agent and the application carry different chaos-core versions)"));
            }
            server.registerMBean(new ChaosMonkeyJmx(this), objectName);
            registeredName = objectName;
            return objectName;
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e, e);
        }
    }

    /** Disarms every rule and unregisters this instance's MBean, if it registered one. */
    @Override
    public void close() {
        disarmAll();
        ObjectName name = registeredName;
        if (name != null) {
            registeredName = null;
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (javax.management.JMException e) {
                ChaosLog.warn("could not unregister " + name + ": " + e);
            }
        }
    }

    @Override
    public String toString() {
        return "ChaosMonkey[" + (enabled ? "enabled" : "disabled") + ", " + ruleCount() + " rule(s)]";
    }
}
