package dev.chaosmonkey.core;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.chaosmonkey.core.internal.SqlStates;
import dev.chaosmonkey.core.internal.Throwables;

/**
 * A rule at work in one {@link ChaosMonkey}: its compiled matchers, trigger counters, lifecycle state and the gate
 * its held calls wait on. As the {@link Injection} handed to instrumentation it lets its fault perform itself.
 */
final class RuleRuntime implements Injection {
    enum State { PENDING, ACTIVE, EXHAUSTED, REMOVED }

    static final int SKIP = 0;
    static final int FIRE = 1;
    static final int DRY = 2;
    /** Or-ed into FIRE/DRY when this injection used up the rule's budget. */
    static final int LAST = 4;

    final String id;
    final ChaosRule rule;
    final String spec;
    private final InjectionPoint point;
    private final Fault fault;
    private final AttributeMatcher[] matchers;
    private final int[] slots;
    private final long[] numeric;
    private final boolean[] ignoreCase;
    /** Per matcher: a literal compared with {@code String.equals} right here (the common case), else null. */
    private final String[] literals;
    private final boolean[] negated;
    private final double probability;
    /** Ramp length in nanoseconds (0: none) and the clock it is read from, only while ramping. */
    private final long rampNanos;
    private final long everyNth;
    private final long firstN;
    private final boolean seeded;
    private final long seed;
    private final boolean needsIndex;
    private final long maxInjections;
    final boolean dryRun;
    /** The scope the rule acts in, {@code null} for every call. */
    final String scope;
    final Class<? extends Throwable> exceptionType;

    final long armedAtMillis;
    final long expiresAtMillis;
    final long startAtNanos;
    final long expiresAtNanos;

    volatile State state;
    ChaosClock.Scheduled timer;
    volatile ResourceFault.Running running;
    /** What held calls wait on; opened when the rule stops acting. */
    final HoldGate gate = new HoldGate();

    /** Every matched call is either injected or skipped, so skipped is derived: one shared write less per call. */
    private final LongAdder matched = new LongAdder();
    /** Exact count for rules with a budget (compare-and-set); unbudgeted rules count in {@link #injectedAdder}. */
    private final AtomicLong injected = new AtomicLong();
    private final LongAdder injectedAdder = new LongAdder();
    private final AtomicLong callIndex = new AtomicLong();
    final AtomicBoolean firstInjectionLogged = new AtomicBoolean();

    RuleRuntime(String id, ChaosRule rule, Class<? extends Throwable> exceptionType, boolean dryRun, long nowNanos,
            long nowMillis, long durationNanos) {
        this.id = id;
        this.rule = rule;
        this.spec = rule.toSpec();
        this.point = rule.point();
        this.fault = rule.fault();
        this.exceptionType = exceptionType;
        this.dryRun = dryRun;
        this.scope = rule.scope();
        int n = rule.matchers().size();
        this.matchers = AttributeMatcher.cheapFirst(rule.matchers());
        this.slots = new int[n];
        this.numeric = new long[n];
        this.ignoreCase = new boolean[n];
        this.literals = new String[n];
        this.negated = new boolean[n];
        for (int i = 0; i < n; i++) {
            AttributeMatcher m = matchers[i];
            slots[i] = point.slotOf(m.attribute());
            if (slots[i] == InjectionPoint.NUMERIC_SLOT) {
                numeric[i] = m.numericValue(point);
            }
            // host names are case-insensitive (RFC 4343), on the dns point as in HTTP authorities
            ignoreCase[i] = point == InjectionPoint.HTTP && !m.attribute().equals("path")
                    || point == InjectionPoint.DNS;
            literals[i] = ignoreCase[i] ? null : m.exactLiteral();
            negated[i] = m.operator() == AttributeMatcher.Operator.NOT_EQUALS
                    || m.operator() == AttributeMatcher.Operator.NOT_REGEX;
        }
        this.probability = rule.probability();
        this.everyNth = rule.everyNth();
        this.firstN = rule.firstN();
        this.seeded = rule.seed() != null;
        this.seed = seeded ? rule.seed() : 0L;
        this.needsIndex = seeded || everyNth > 0 || firstN > 0;
        this.maxInjections = rule.maxInjections();
        long startDelay = rule.startAfter() == null ? 0 : rule.startAfter().toNanos();
        this.startAtNanos = nowNanos + startDelay;
        this.rampNanos = rule.ramp() == null ? 0 : rule.ramp().toNanos();
        this.expiresAtNanos = nowNanos + startDelay + durationNanos;
        this.armedAtMillis = nowMillis;
        this.expiresAtMillis = nowMillis + TimeUnit.NANOSECONDS.toMillis(startDelay + durationNanos);
        this.state = startDelay > 0 ? State.PENDING : State.ACTIVE;
    }

    /** Whether every matcher accepts the call. Must not allocate. */
    boolean matches(String s0, String s1, String s2, String s3, long n) {
        for (int i = 0; i < matchers.length; i++) {
            int slot = slots[i];
            boolean ok;
            if (slot == InjectionPoint.NUMERIC_SLOT) {
                ok = (n == numeric[i]) != negated[i];
            } else {
                String v = slot == 0 ? s0 : slot == 1 ? s1 : slot == 2 ? s2 : s3;
                String literal = literals[i];
                // literals are compared inline: a call per matcher costs more than the comparison itself
                ok = literal != null ? literal.equals(v) != negated[i] : matchers[i].test(v, ignoreCase[i]);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Runs the trigger and budgets for a matching call. */
    int tryFire(ChaosMonkey monkey) {
        matched.increment();
        long n = needsIndex ? callIndex.incrementAndGet() : 0;
        if (firstN > 0 && n > firstN || everyNth > 0 && n % everyNth != 0 || probability == 0.0) {
            return SKIP;
        }
        double p = rampNanos > 0 ? rampedProbability(monkey.nanoTime()) : probability;
        if (p < 1.0) {
            double draw = seeded ? seededDraw(seed, n) : ThreadLocalRandom.current().nextDouble();
            if (draw >= p) {
                return SKIP;
            }
        }
        if (!monkey.reserveGlobalInjection()) {
            return SKIP;
        }
        int last = 0;
        if (maxInjections > 0) {
            while (true) {
                long c = injected.get();
                if (c >= maxInjections) {
                    monkey.releaseGlobalInjection();
                    monkey.exhausted(this);
                    return SKIP;
                }
                if (injected.compareAndSet(c, c + 1)) {
                    if (c + 1 == maxInjections) {
                        last = LAST;
                    }
                    break;
                }
            }
        } else {
            injectedAdder.increment();
        }
        return (dryRun ? DRY : FIRE) | last;
    }

    /** SplitMix64 of the call index: a reproducible uniform draw in [0, 1). */
    /** The probability {@code ramp=} allows at {@code nowNanos}: linear from 0 at the start to the full value. */
    double rampedProbability(long nowNanos) {
        long since = nowNanos - startAtNanos;
        if (since <= 0) {
            return 0.0;
        }
        return since >= rampNanos ? probability : probability * ((double) since / rampNanos);
    }

    static double seededDraw(long seed, long index) {
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * The rule's snapshot. The state says what is true: an ACTIVE rule of a disabled instance injects nothing and is
     * shown as {@code SUSPENDED}.
     */
    RuleInfo info(boolean chaosEnabled) {
        ResourceFault.Running r = running;
        Map<String, Long> holdings = r == null ? Map.of() : safeHoldings(r);
        long fired = injectedCount();
        long seen = matched.sum();
        String shown = state == State.ACTIVE && !chaosEnabled ? "SUSPENDED" : state.name();
        return new RuleInfo(id, spec, point.specName(), fault.kind(), shown, dryRun, seen,
                fired, Math.max(0, seen - fired), Instant.ofEpochMilli(armedAtMillis).toString(),
                Instant.ofEpochMilli(expiresAtMillis).toString(), holdings, scope);
    }

    private static Map<String, Long> safeHoldings(ResourceFault.Running r) {
        try {
            return r.holdings();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    long injectedCount() {
        return maxInjections > 0 ? injected.get() : injectedAdder.sum();
    }

    // ---- Injection ------------------------------------------------------------------------------------------

    @Override
    public String ruleId() {
        return id;
    }

    @Override
    public Fault fault() {
        return fault;
    }

    @Override
    public InjectionPoint point() {
        return point;
    }

    @Override
    public void perform(ClassLoader loader) {
        Throwable failure = fault.perform(this, loader, null);
        if (failure != null) {
            throw Fault.sneakyThrow(InjectedFailures.label(failure, id));
        }
    }

    @Override
    public Throwable performNoThrow(ClassLoader loader, String defaultClassName) {
        return InjectedFailures.label(fault.perform(this, loader, defaultClassName), id);
    }

    @Override
    public Throwable newThrowable(ClassLoader loader, String defaultClassName) {
        return InjectedFailures.label(fault.newThrowable(this, loader, defaultClassName), id);
    }

    @Override
    public boolean hold(long nanos) {
        return pause(nanos);
    }

    @Override
    public void sleep() {
        pause(fault.nextPauseNanos());
    }

    /**
     * Creates the throwable to inject: the class resolved at arming when the name is the one the spec gave, else
     * looked up through {@code loader}; a {@link ChaosInjectedException} naming the problem when it cannot be made.
     */
    Throwable instantiate(String className, String message, ClassLoader loader) {
        Class<? extends Throwable> type = exceptionType;
        if (type == null || !type.getName().equals(className)) {
            Class<?> found = Throwables.find(className, loader);
            if (found == null || !Throwable.class.isAssignableFrom(found)) {
                return new ChaosInjectedException(message + " (" + className + " is not visible here)");
            }
            @SuppressWarnings("unchecked")
            Class<? extends Throwable> t = (Class<? extends Throwable>) found;
            type = t;
        }
        Throwable sql = SqlStates.create(type, message, fault.sqlState(), fault.vendorCode());
        if (sql != null) {
            return sql;
        }
        try {
            return Throwables.instantiate(type, message);
        } catch (IllegalArgumentException e) {
            return new ChaosInjectedException(message + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Holds the calling thread for {@code nanos}, or until the rule stops acting (disarmed, expired, chaos disabled)
     * or the thread is interrupted (the interrupt flag stays set).
     *
     * @return {@code false} when the hold was released because the rule stopped acting: the call must then proceed
     *     as if nothing had been injected
     */
    boolean pause(long nanos) {
        return gate.hold(nanos);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Boolean> holdAsync(long nanos) {
        return gate.holdAsync(nanos);
    }

    @Override
    public String toString() {
        return id + ": " + spec;
    }
}
