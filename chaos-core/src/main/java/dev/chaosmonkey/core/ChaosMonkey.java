package dev.chaosmonkey.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.management.ObjectName;

import dev.chaosmonkey.core.internal.ChaosLog;

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
 *
 * <p>This class is the facade: it owns the rule snapshot the hot path reads, the {@code decide*} methods and the
 * arming lifecycle. The checks before arming are {@link RuleLimits}, background effects {@link ResourceSupervisor},
 * the global budget {@link InjectionBudget}, events {@link EventPublisher}, JMX {@link ChaosMonkeyJmx}; each fault
 * performs itself ({@link Fault}).
 */
public final class ChaosMonkey implements AutoCloseable {

    /** The version of chaos-core. */
    public static final String VERSION = dev.chaosmonkey.core.internal.CoreVersion.VALUE;

    /** JMX name of the global instance's MBean. */
    public static final String OBJECT_NAME = "dev.chaosmonkey:type=ChaosMonkey";

    private static final class GlobalHolder {
        static final ChaosMonkey INSTANCE = createGlobal();
    }

    private final ChaosConfig config;
    private final ChaosClock clock;
    private final Object lock = new Object();
    private final Map<String, RuleRuntime> rules = new LinkedHashMap<>();
    private final RuleLimits limits;
    private final InjectionBudget budget;
    private final EventPublisher events;
    private final InternalErrors internalErrors;
    private final CheckedPoints checkedPoints = new CheckedPoints();
    private volatile RuleSnapshot snapshot = RuleSnapshot.EMPTY;
    private volatile boolean enabled;
    private volatile boolean dryRun;
    private volatile ObjectName registeredName;

    private ChaosMonkey(ChaosConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.dryRun = config.dryRun();
        this.limits = new RuleLimits(config, checkedPoints);
        this.budget = new InjectionBudget(config.maxInjections(), this);
        this.internalErrors = new InternalErrors(this);
        this.events = new EventPublisher(clock, internalErrors);
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
        ChaosConfig config = ChaosConfig.forGlobal(System::getProperty, System.getenv());
        if (config.refusal() != null) {
            // fail closed, loudly: stderr as well as the log, since the log may not be configured yet
            System.err.println("[chaos] ERROR " + config.refusal());
            ChaosLog.error(config.refusal());
        }
        ChaosMonkey monkey = new ChaosMonkey(config);
        if (config.enabled()) {
            try {
                monkey.enable();
            } catch (IllegalStateException e) {
                ChaosLog.warn(e.getMessage());
            }
        }
        AuditLog.install(monkey, System.getProperty("chaos.audit-log"),
                System.getenv("CHAOS_AUDIT_LOG"));
        // the chaos agent's premain registers it on a daemon thread instead (GlobalMBeanDeferral)
        if (config.jmx() && !dev.chaosmonkey.core.internal.GlobalMBeanDeferral.skipNow()) {
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
        if (config.refusal() != null) {
            throw new IllegalStateException("refusing to enable chaos: " + config.refusal());
        }
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
            for (RuleRuntime r : rules.values()) {
                r.gate.open();
            }
            refreshLocked(events);
            this.events.queue(events);
            this.events.queue(ChaosEvent.Type.ENABLED, null);
        }
        ChaosLog.info("chaos enabled" + (config.environment() == null ? "" : " in " + config.environment()));
        this.events.drain();
    }

    /**
     * Why chaos is not enabled, for operators (JMX {@code DisabledReason}): empty while enabled; otherwise invalid
     * settings, a production environment, or simply not enabled yet / disabled.
     */
    public String disabledReason() {
        if (enabled) {
            return "";
        }
        if (config.refusal() != null) {
            return config.refusal();
        }
        if (config.isProduction() && !config.allowProduction()) {
            return "environment '" + config.environment() + "' is production; chaos.allow-production=true allows it";
        }
        return "not enabled (chaos.enabled=true, enable() or the CLI enables it)";
    }

    /**
     * Disables chaos: rules stay armed (and keep expiring) but inject nothing; resource faults stop and calls held
     * in a delay or timeout are released at once (they proceed as if nothing had been injected).
     */
    public void disable() {
        List<ChaosEvent> events = new ArrayList<>();
        synchronized (lock) {
            if (!enabled) {
                return;
            }
            enabled = false;
            refreshLocked(events);
            for (RuleRuntime r : rules.values()) {
                r.gate.close();
            }
            this.events.queue(events);
            this.events.queue(ChaosEvent.Type.DISABLED, null);
        }
        ChaosLog.info("chaos disabled");
        this.events.drain();
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
            this.events.queue(events);
        }
        ChaosLog.info("chaos dry-run mode " + (dryRun ? "on" : "off"));
        this.events.drain();
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
        List<RuleRuntime> armed = new ArrayList<>();
        synchronized (lock) {
            limits.checkRoom(rules.size(), newRules);
            Set<String> batchIds = new HashSet<>();
            long nowNanos = clock.nanoTime();
            long nowMillis = clock.currentTimeMillis();
            for (ChaosRule rule : newRules) {
                armed.add(limits.prepare(rule, rules, batchIds, nowNanos, nowMillis));
            }
            for (RuleRuntime r : armed) {
                if (!enabled) {
                    r.gate.close();
                }
                rules.put(r.id, r);
            }
            try {
                ResourceSupervisor.start(armed, enabled, dryRun);
            } catch (Throwable t) {
                // any Throwable, OutOfMemoryError "unable to create native thread" included: nothing stays armed
                for (RuleRuntime r : armed) {
                    rules.remove(r.id);
                    r.state = RuleRuntime.State.REMOVED;
                    r.gate.close();
                }
                ChaosSpecException e = new ChaosSpecException(armed.get(0).spec, 0, 0,
                        "cannot start resource fault: " + describe(t));
                e.initCause(t);
                throw e;
            }
            for (RuleRuntime r : armed) {
                scheduleNext(r);
                if (this.events.wants(ChaosEvent.Type.ARMED)) {
                    events.add(this.events.event(ChaosEvent.Type.ARMED, r, false));
                }
            }
            rebuildLocked();
            this.events.queue(events);
        }
        List<String> ids = new ArrayList<>();
        for (RuleRuntime r : armed) {
            ids.add(r.id);
            ChaosLog.info("chaos rule " + r.id + " armed: " + r.spec + " (expires "
                    + java.time.Instant.ofEpochMilli(r.expiresAtMillis) + (enabled ? ")" : "; chaos is DISABLED)"));
        }
        this.events.drain();
        return ids;
    }

    /**
     * Atomically replaces the rules {@code oldIds} (those still armed) with {@code newRules}: every check of
     * {@link #armAll(Collection)} runs against the state without the old rules (so a new rule may reuse an old id),
     * and on any problem nothing changes, the old rules stay armed. The config file watcher applies file versions
     * this way.
     *
     * @return the new rules' ids in order
     * @throws ChaosSpecException naming the problem; its {@link ChaosSpecException#line()} is the 1-based position in
     *     {@code newRules} of the rule at fault, 0 when the problem is not one rule's (the rule-count limit)
     */
    public List<String> replace(Collection<String> oldIds, Collection<ChaosRule> newRules) {
        List<ChaosEvent> events = new ArrayList<>();
        List<RuleRuntime> armed = new ArrayList<>();
        List<RuleRuntime> replaced = new ArrayList<>();
        synchronized (lock) {
            for (String id : oldIds) {
                RuleRuntime r = rules.get(id);
                if (r != null) {
                    replaced.add(r);
                }
            }
            limits.checkRoom(rules.size() - replaced.size(), newRules);
            List<RuleRuntime> before = new ArrayList<>(rules.values());
            for (RuleRuntime r : replaced) {
                rules.remove(r.id);
            }
            try {
                Set<String> batchIds = new HashSet<>();
                long nowNanos = clock.nanoTime();
                long nowMillis = clock.currentTimeMillis();
                int index = 0;
                for (ChaosRule rule : newRules) {
                    index++;
                    try {
                        armed.add(limits.prepare(rule, rules, batchIds, nowNanos, nowMillis));
                    } catch (ChaosSpecException e) {
                        ChaosSpecException positioned = new ChaosSpecException(e.spec(), index, e.column(),
                                e.problem());
                        positioned.initCause(e.getCause());
                        throw positioned;
                    }
                }
                for (RuleRuntime r : armed) {
                    if (!enabled) {
                        r.gate.close();
                    }
                }
                ResourceSupervisor.start(armed, enabled, dryRun);
            } catch (Throwable t) {
                // restored in arming order: the first matching rule decides, so order is behaviour
                for (RuleRuntime r : armed) {
                    r.state = RuleRuntime.State.REMOVED;
                    r.gate.close();
                }
                rules.clear();
                for (RuleRuntime r : before) {
                    rules.put(r.id, r);
                }
                if (t instanceof ChaosSpecException) {
                    throw (ChaosSpecException) t;
                }
                ChaosSpecException e = new ChaosSpecException(armed.isEmpty() ? "" : armed.get(0).spec, 0, 0,
                        "cannot start resource fault: " + describe(t));
                e.initCause(t);
                throw e;
            }
            for (RuleRuntime r : replaced) {
                rules.put(r.id, r);
                removeLocked(r);
                if (this.events.wants(ChaosEvent.Type.DISARMED)) {
                    events.add(this.events.event(ChaosEvent.Type.DISARMED, r, false));
                }
            }
            for (RuleRuntime r : armed) {
                rules.put(r.id, r);
                scheduleNext(r);
                if (this.events.wants(ChaosEvent.Type.ARMED)) {
                    events.add(this.events.event(ChaosEvent.Type.ARMED, r, false));
                }
            }
            rebuildLocked();
            this.events.queue(events);
        }
        List<String> ids = new ArrayList<>();
        for (RuleRuntime r : replaced) {
            ChaosLog.info("chaos rule " + r.id + " disarmed (replaced) after " + r.injectedCount()
                    + " injection(s): " + r.spec);
        }
        for (RuleRuntime r : armed) {
            ids.add(r.id);
            ChaosLog.info("chaos rule " + r.id + " armed: " + r.spec + " (expires "
                    + java.time.Instant.ofEpochMilli(r.expiresAtMillis) + (enabled ? ")" : "; chaos is DISABLED)"));
        }
        this.events.drain();
        return ids;
    }

    private static String describe(Throwable t) {
        return t instanceof RuntimeException && t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** Starts or stops resource faults to match the current switches; drops rules whose fault cannot start. */
    private void refreshLocked(List<ChaosEvent> events) {
        for (RuleRuntime r : new ArrayList<>(rules.values())) {
            if (ResourceSupervisor.shouldRun(r, enabled, dryRun)) {
                if (r.running == null) {
                    try {
                        ResourceSupervisor.start(List.of(r), enabled, dryRun);
                    } catch (Throwable t) {
                        ChaosLog.warn("chaos rule " + r.id + " disarmed: its resource fault could not start: "
                                + describe(t));
                        removeLocked(r);
                        if (this.events.wants(ChaosEvent.Type.DISARMED)) {
                            events.add(this.events.event(ChaosEvent.Type.DISARMED, r, false));
                        }
                    }
                }
            } else if (r.running != null) {
                ResourceSupervisor.stop(r, internalErrors);
            }
        }
        rebuildLocked();
    }

    private void scheduleNext(RuleRuntime r) {
        if (r.timer != null) {
            r.timer.cancel();
        }
        long at = r.state == RuleRuntime.State.PENDING ? r.startAtNanos : r.expiresAtNanos;
        r.timer = clock.schedule(this::sweep, at - clock.nanoTime());
    }

    private void rebuildLocked() {
        snapshot = enabled ? RuleSnapshot.of(rules.values()) : RuleSnapshot.EMPTY;
    }

    // ---- disarming ------------------------------------------------------------------------------------------

    /**
     * Disarms one rule; its effect ends at once.
     *
     * @return whether a rule with that id was armed
     */
    public boolean disarm(String id) {
        RuleRuntime r;
        synchronized (lock) {
            r = rules.get(id);
            if (r == null) {
                return false;
            }
            removeLocked(r);
            rebuildLocked();
            events.queue(ChaosEvent.Type.DISARMED, r);
        }
        ChaosLog.info("chaos rule " + r.id + " disarmed after " + r.injectedCount() + " injection(s): " + r.spec);
        events.drain();
        return true;
    }

    /**
     * The kill switch: disarms every rule at once.
     *
     * @return how many rules were disarmed
     */
    public int disarmAll() {
        List<RuleRuntime> removed;
        synchronized (lock) {
            removed = new ArrayList<>(rules.values());
            for (RuleRuntime r : removed) {
                removeLocked(r);
                events.queue(ChaosEvent.Type.DISARMED, r);
            }
            rebuildLocked();
        }
        if (!removed.isEmpty()) {
            ChaosLog.info("chaos kill switch: disarmed " + removed.size() + " rule(s)");
        }
        events.drain();
        return removed.size();
    }

    private void removeLocked(RuleRuntime r) {
        rules.remove(r.id);
        r.state = RuleRuntime.State.REMOVED;
        r.gate.close();
        if (r.timer != null) {
            r.timer.cancel();
            r.timer = null;
        }
        ResourceSupervisor.stop(r, internalErrors);
    }

    /**
     * Applies due activations and expiries now. Timers call this; it is public so that callers with a manual clock
     * (and the curious) can force it.
     */
    public void sweep() {
        List<RuleRuntime> activated = new ArrayList<>();
        List<RuleRuntime> expired = new ArrayList<>();
        List<ChaosEvent> events = new ArrayList<>();
        synchronized (lock) {
            long now = clock.nanoTime();
            for (RuleRuntime r : new ArrayList<>(rules.values())) {
                if (now - r.expiresAtNanos >= 0) {
                    removeLocked(r);
                    expired.add(r);
                } else if (r.state == RuleRuntime.State.PENDING && now - r.startAtNanos >= 0) {
                    r.state = RuleRuntime.State.ACTIVE;
                    activated.add(r);
                    scheduleNext(r);
                }
            }
            if (activated.isEmpty() && expired.isEmpty()) {
                return;
            }
            refreshLocked(events);
            for (RuleRuntime r : activated) {
                this.events.queue(ChaosEvent.Type.ACTIVATED, r);
            }
            for (RuleRuntime r : expired) {
                this.events.queue(ChaosEvent.Type.EXPIRED, r);
            }
            this.events.queue(events);
        }
        for (RuleRuntime r : activated) {
            ChaosLog.info("chaos rule " + r.id + " active: " + r.spec);
        }
        for (RuleRuntime r : expired) {
            ChaosLog.info("chaos rule " + r.id + " expired after " + r.injectedCount() + " injection(s): " + r.spec);
        }
        this.events.drain();
    }

    /** Called by a rule whose budget is used up. */
    void exhausted(RuleRuntime r) {
        synchronized (lock) {
            if (r.state != RuleRuntime.State.ACTIVE) {
                return;
            }
            r.state = RuleRuntime.State.EXHAUSTED;
            rebuildLocked();
            events.queue(ChaosEvent.Type.EXHAUSTED, r);
        }
        ChaosLog.info("chaos rule " + r.id + " exhausted its budget of " + r.rule.maxInjections() + ": " + r.spec);
        events.drain();
    }

    boolean reserveGlobalInjection() {
        return budget.reserve();
    }

    void releaseGlobalInjection() {
        budget.release();
    }

    // ---- queries --------------------------------------------------------------------------------------------

    /** Snapshots of the armed rules, in arming order. */
    public List<RuleInfo> rules() {
        List<RuleRuntime> copy;
        synchronized (lock) {
            copy = new ArrayList<>(rules.values());
        }
        List<RuleInfo> infos = new ArrayList<>(copy.size());
        for (RuleRuntime r : copy) {
            infos.add(r.info(enabled));
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
        RuleRuntime r;
        synchronized (lock) {
            r = rules.get(id);
        }
        return r == null ? Optional.empty() : Optional.of(r.info(enabled));
    }

    /** Injections so far across all rules (dry-run decisions included). */
    public long totalInjections() {
        return budget.total();
    }

    /**
     * Calls held right now in a delay or timeout, across all rules. Disarming a rule, the kill switch, expiry and
     * {@link #disable()} release the holds of the rules they stop.
     */
    public int heldCalls() {
        List<RuleRuntime> copy;
        synchronized (lock) {
            copy = new ArrayList<>(rules.values());
        }
        int held = 0;
        for (RuleRuntime r : copy) {
            held += r.gate.holding();
        }
        return held;
    }

    /**
     * Internal errors caught so far: failures of the engine itself (a decision, an event listener, stopping a
     * resource fault, instrumentation reporting through {@link #reportInternalError}) that were kept from the host
     * application. Should stay 0; the first of each kind is logged. Also the JMX attribute {@code InternalErrors}
     * and the Micrometer counter {@code chaos.internal.errors}.
     */
    public long internalErrors() {
        return internalErrors.count();
    }

    /**
     * Counts an internal error caught outside the engine (e.g. by instrumentation advice) and logs the first of its
     * kind. Never throws.
     *
     * @param kind a short stable name, e.g. {@code jdbc-advice}: one log line per kind
     */
    public void reportInternalError(String kind, Throwable t) {
        try {
            internalErrors.record(kind, kind + " failed; the call proceeded normally", t);
        } catch (RuntimeException | LinkageError e) {
            // never let reporting break the caller
        }
    }

    /** Bit set of points with at least one active rule (see {@link InjectionPoint#bit()}); 0 while disabled. */
    public int armedPointsMask() {
        return snapshot.mask;
    }

    /** Whether any active rule is on {@code point}: one volatile read. Instrumentation checks this first. */
    public boolean isArmed(InjectionPoint point) {
        return (snapshot.mask & point.bit()) != 0;
    }

    /**
     * Whether any active rule is scoped: while none is, nothing needs to carry scopes to other threads (the agent
     * wraps submitted tasks only while this is true). One volatile read.
     */
    public boolean hasScopedRules() {
        return snapshot.scopedMask != 0;
    }

    /**
     * Opens the {@link ChaosScope} {@code name} on the current thread: rules armed with {@code scope=name} fire for
     * the calls made until it is closed (and for work carried over to other threads, see {@link ChaosScope}).
     *
     * <pre>{@code
     * try (ChaosScope scope = monkey.openScope("checkout-test")) {
     *     ...
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if the name is not 1-64 letters, digits, {@code _ . -}
     */
    public ChaosScope openScope(String name) {
        return ChaosScope.open(name);
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
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.JDBC.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.JDBC, sql, operation, url, null, 0);
    }

    /** Decides for an outgoing HTTP call; {@code port} -1 when unknown. */
    public Injection decideHttp(String method, String scheme, String host, int port, String path) {
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.HTTP.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.HTTP, method, scheme, host, path, port);
    }

    /** Decides for a Kafka producer send. */
    public Injection decideKafka(String topic, boolean keyPresent) {
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.KAFKA.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.KAFKA, topic, null, null, null, keyPresent ? 1 : 0);
    }

    /** Decides for an instrumented method. */
    public Injection decideMethod(String className, String methodName) {
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.METHOD.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.METHOD, className, methodName, null, null, 0);
    }

    /**
     * Decides for a host-name lookup ({@code host} as the caller wrote it; matched case-insensitively). Literal IP
     * addresses are not lookups and are never decided.
     */
    public Injection decideDns(String host) {
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.DNS.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.DNS, host, null, null, null, 0);
    }

    /**
     * Whether an active dns rule's matchers (and scope) accept {@code host}, without deciding: no counter moves, no
     * trigger runs. The agent asks this before its costlier checks, so lookups no rule is about cost little more
     * while a dns rule is armed. Never throws.
     */
    public boolean matchesDns(String host) {
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.DNS.bit()) == 0) {
            return false;
        }
        try {
            String scope = (s.scopedMask & InjectionPoint.DNS.bit()) == 0 ? null : ChaosScope.currentName();
            for (RuleRuntime r : s.byPoint[InjectionPoint.DNS.ordinal()]) {
                if ((r.scope == null || r.scope.equals(scope)) && r.matches(host, null, null, null, 0)) {
                    return true;
                }
            }
            return false;
        } catch (AttributeMatcher.Aborted e) {
            return true; // decide() disarms the rule and reports it
        } catch (RuntimeException | StackOverflowError e) {
            return true;
        }
    }

    /**
     * Decides for a TCP operation ({@code operation} {@code connect}, {@code read}, {@code write} or {@code close})
     * on a connection to {@code host} (the name the socket knows, else the literal address), {@code address} (the
     * literal address, {@code null} when unresolved) and {@code port}.
     */
    public Injection decideNet(String host, String address, String operation, int port) {
        RuleSnapshot s = snapshot;
        if ((s.mask & InjectionPoint.NET.bit()) == 0) {
            return null;
        }
        return decide(s, InjectionPoint.NET, host, address, operation, null, port);
    }

    /** Decides for a named custom point. */
    public Injection decideCustom(String name) {
        RuleSnapshot s = snapshot;
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

    /**
     * A custom injection point whose caller handles a checked exception: like {@link #check(String)}, but declares
     * {@code type}, so that
     *
     * <pre>{@code
     * try {
     *     ChaosMonkey.global().check("payment-gateway", IOException.class);
     * } catch (IOException e) {
     *     // the fallback under test
     * }
     * }</pre>
     *
     * compiles. Only exceptions the caller can receive are thrown: unchecked ones and those assignable to
     * {@code type}. Arming a {@code custom name=...} rule whose checked exception fits no type its point was checked
     * with is refused; a rule armed before the first such call that turns out not to fit injects nothing there
     * (logged once) and the call proceeds.
     *
     * @param type the checked exception type the caller handles
     * @throws E the injected exception, when an armed rule throws one of this type
     */
    public <E extends Exception> void check(String name, Class<E> type) throws E {
        checkedPoints.declare(name, type);
        Injection injection = decideCustom(name);
        if (injection == null) {
            return;
        }
        Throwable failure = injection.performNoThrow(Thread.currentThread().getContextClassLoader(), null);
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException || failure instanceof Error || type.isInstance(failure)) {
            throw Fault.sneakyThrow(failure);
        }
        ChaosLog.warnOnce("misfit-" + injection.ruleId() + "@" + System.identityHashCode(this), "chaos rule "
                + injection.ruleId() + " throws " + failure.getClass().getName() + ", which check(\"" + name + "\", "
                + type.getName() + ".class) cannot throw; nothing is injected there", null);
    }

    private Injection decide(RuleSnapshot s, InjectionPoint point, String s0, String s1, String s2, String s3, long n) {
        try {
            // the thread's scope is read only where a scoped rule is armed: unscoped points cost what they did
            String scope = (s.scopedMask & point.bit()) == 0 ? null : ChaosScope.currentName();
            RuleRuntime[] candidates = s.byPoint[point.ordinal()];
            for (RuleRuntime r : candidates) {
                if (r.scope != null && !r.scope.equals(scope)) {
                    continue;
                }
                boolean matches;
                try {
                    matches = r.matches(s0, s1, s2, s3, n);
                } catch (AttributeMatcher.Aborted e) {
                    RegexAbort.disarm(this, r.id, r.spec, e);
                    continue;
                }
                if (!matches) {
                    continue;
                }
                int outcome = r.tryFire(this);
                if (outcome == RuleRuntime.SKIP) {
                    continue;
                }
                boolean dry = (outcome & RuleRuntime.DRY) != 0 || dryRun;
                injected(r, dry);
                if ((outcome & RuleRuntime.LAST) != 0) {
                    exhausted(r);
                }
                return dry ? null : r;
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            internalErrors.record("decide-" + point.specName(), "deciding at " + point.specName()
                    + " failed; the call proceeds normally", t);
        }
        return null;
    }

    private void injected(RuleRuntime r, boolean dry) {
        // a plain read first: a compare-and-set on every injection would make threads fight over the cache line
        if (!r.firstInjectionLogged.get() && r.firstInjectionLogged.compareAndSet(false, true)) {
            ChaosLog.info("chaos rule " + r.id + (dry ? " would inject (dry run)" : " injected") + " its first "
                    + r.rule.fault().kind() + ": " + r.spec);
        }
        if (events.wants(ChaosEvent.Type.INJECTED)) {
            events.fire(events.event(ChaosEvent.Type.INJECTED, r, dry));
        }
    }

    // ---- events and JMX -------------------------------------------------------------------------------------

    /** Where to listen for this instance's events, all or one kind at a time. */
    public ChaosEventPublisher getEventPublisher() {
        return events;
    }

    /** Registers a listener for all events (same as {@code getEventPublisher().onEvent(listener)}). */
    public void addListener(ChaosEventListener listener) {
        events.onEvent(listener);
    }

    /** Removes a listener. */
    public void removeListener(ChaosEventListener listener) {
        events.remove(listener);
    }

    /**
     * Registers this instance's MXBean in the platform MBean server.
     *
     * @return the registered name
     * @throws IllegalStateException if the name is taken (by another chaos-core copy, whose version is named)
     */
    public ObjectName registerMBean(String name) {
        ObjectName objectName = ChaosMonkeyJmx.register(this, name);
        registeredName = objectName;
        return objectName;
    }

    /** Disarms every rule and unregisters this instance's MBean, if it registered one. */
    @Override
    public void close() {
        disarmAll();
        ObjectName name = registeredName;
        if (name != null) {
            registeredName = null;
            ChaosMonkeyJmx.unregister(name);
        }
    }

    @Override
    public String toString() {
        return "ChaosMonkey[" + (enabled ? "enabled" : "disabled") + ", " + ruleCount() + " rule(s)]";
    }

    /**
     * Whether {@code t} (or one of its causes or suppressed throwables) was injected by a chaos rule: every injected
     * throwable carries a label, see {@link InjectedFailures}.
     */
    public static boolean isInjected(Throwable t) {
        return InjectedFailures.isInjected(t);
    }

    /** The engine clock's monotonic time (rules with {@code ramp=} read it when they may fire). */
    long nanoTime() {
        return clock.nanoTime();
    }
}
