package dev.chaosmonkey.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The agent's one registered class-file transformer, {@code java.base} only: it runs the agent's transformers (the
 * class-file fidelity keeper, the {@link JdbcWeaver}, then ByteBuddy's) in the order they were added through
 * {@link #instrumentation()}, and it lets the weavers get ready in the background, or on demand, after rules were
 * armed by the agent options.
 *
 * <p>While a weaver is {@linkplain #expect expected} but its transformer is not added yet, a class that loads and
 * that it may weave ({@link WeaveCandidates#mustWait}, a check of its name) waits for it, so that a rule armed at
 * start fires from the first call; every other class loads at once. ByteBuddy may be expected on demand: the first
 * class that must wait for it starts its installation. Classes that loaded meanwhile without waiting are still
 * looked at: ByteBuddy's installation retransforms the loaded classes it matches. The wait is bounded
 * ({@value #DEFAULT_WAIT_MILLIS} ms, {@code -Dchaos.agent.weaver-wait-ms}); a class that gave up waiting is logged
 * once and woven by that retransformation.
 */
final class WeaveGate implements ClassFileTransformer {
    static final long DEFAULT_WAIT_MILLIS = 30_000;
    private final Instrumentation instrumentation;
    private final Instrumentation gated;
    private final List<ClassFileTransformer> chain = new CopyOnWriteArrayList<>();
    private final long waitMillis = Math.max(0, Long.getLong("chaos.agent.weaver-wait-ms", DEFAULT_WAIT_MILLIS));
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    /** What must wait while a weaver is on its way; {@code null} when nothing waits. */
    private volatile WeaveCandidates pending;
    /** Whether the JDBC weaver is on its way. */
    private volatile boolean jdbcExpected;
    /** Whether ByteBuddy's transformer is on its way (being installed, or on demand). */
    private volatile boolean byteBuddyExpected;
    /** Starts ByteBuddy's installation for the first class that must wait for it; {@code null}: nothing to start. */
    private volatile Runnable onDemand;
    /** ByteBuddy's transformer once added: the one the load filter applies to. */
    private volatile ClassFileTransformer byteBuddy;
    /** The threads that build the weavers: they never wait for themselves. */
    private final java.util.Set<Thread> builders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * The method targets armed now, once ByteBuddy's transformer is in: a class that loads goes through it only if
     * its name may be woven ({@link WeaveCandidates#mayWeave(String, MethodTargets)}); {@code null}: every class.
     */
    private volatile java.util.function.Supplier<MethodTargets> loadFilter;

    private WeaveGate(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        this.gated = new GatedInstrumentation(instrumentation, this);
    }

    /** Creates the gate and registers it (retransformation capable) with {@code instrumentation}. */
    static WeaveGate register(Instrumentation instrumentation) {
        WeaveGate gate = new WeaveGate(instrumentation);
        instrumentation.addTransformer(gate, true);
        return gate;
    }

    /**
     * The instrumentation the agent's transformers are installed through: transformers added to it join this
     * gate's chain instead of the JVM's list; everything else goes to the JVM's instrumentation.
     */
    Instrumentation instrumentation() {
        return gated;
    }

    /**
     * From now until the expected weavers' transformers are added (or {@link #release()}), candidate classes wait
     * for them: the JDBC weaver's if {@code jdbc}, ByteBuddy's if {@code byteBuddy}; {@code startByteBuddy}, if not
     * {@code null}, is run by the first class that must wait for ByteBuddy (ByteBuddy on demand). {@code builder}
     * never waits.
     */
    synchronized void expect(WeaveCandidates candidates, Thread builder, boolean jdbc, boolean byteBuddy,
            Runnable startByteBuddy) {
        if (builder != null) {
            builders.add(builder);
        }
        jdbcExpected = jdbc;
        byteBuddyExpected = byteBuddy && this.byteBuddy == null;
        onDemand = byteBuddyExpected ? startByteBuddy : null;
        pending = jdbcExpected || byteBuddyExpected ? candidates : null;
    }

    /** A thread that builds a weaver: it never waits for one. */
    void builder(Thread thread) {
        builders.add(thread);
    }

    /** Lets waiting classes go (a weaver failed to start); they load unwoven. */
    synchronized void release() {
        pending = null;
        jdbcExpected = false;
        byteBuddyExpected = false;
        onDemand = null;
        notifyAll();
    }

    void add(ClassFileTransformer transformer) {
        if (transformer instanceof JdbcWeaver) {
            // after the fidelity keeper, before ByteBuddy's
            int at = byteBuddy == null ? chain.size() : Math.max(0, chain.indexOf(byteBuddy));
            chain.add(at, transformer);
            arrived(true);
        } else if (transformer instanceof ClassFileFidelity) {
            chain.add(0, transformer);
        } else {
            chain.add(transformer);
            byteBuddy = transformer;
            arrived(false);
        }
    }

    private synchronized void arrived(boolean jdbc) {
        if (jdbc) {
            jdbcExpected = false;
        } else {
            byteBuddyExpected = false;
            onDemand = null;
        }
        if (!jdbcExpected && !byteBuddyExpected) {
            pending = null;
        }
        notifyAll();
    }

    /**
     * From now on, a class that loads (not one being retransformed) skips the chain unless its name may be woven
     * with the method targets {@code methodTargets} gives; {@code null} lets every class through again.
     */
    void filterLoads(java.util.function.Supplier<MethodTargets> methodTargets) {
        loadFilter = methodTargets;
    }

    boolean remove(ClassFileTransformer transformer) {
        if (transformer == byteBuddy) {
            byteBuddy = null;
        }
        return chain.remove(transformer);
    }

    /** Class loads that waited for the weaver, and how long they waited in total. */
    long waitedClasses() {
        return waited.get();
    }

    long waitedMillis() {
        return waitedNanos.get() / 1_000_000;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) throws IllegalClassFormatException {
        return transform(null, loader, className, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        String name = className == null ? null : className.replace('/', '.');
        if (redefined == null) {
            // a class that loads; the loaded classes that ByteBuddy's installation retransforms are never held up
            WeaveCandidates waitFor = pending;
            if (waitFor != null && name != null && !builders.contains(Thread.currentThread())) {
                int weaver = waitFor.mustWait(name, bytes);
                if (weaver != WeaveCandidates.NONE) {
                    await(name, weaver == WeaveCandidates.JDBC);
                }
            }
        }
        java.util.function.Supplier<MethodTargets> filter = redefined == null ? loadFilter : null;
        boolean skipByteBuddy = filter != null && !WeaveCandidates.mayWeave(name, filter.get());
        long traceBegin = StartupTrace.on() ? System.nanoTime() : 0;
        byte[] current = bytes;
        boolean changed = false;
        for (ClassFileTransformer t : chain) {
            if (skipByteBuddy && t == byteBuddy) {
                // a class that loads and that no ByteBuddy instrumentation may weave
                continue;
            }
            byte[] next;
            try {
                next = t.transform(module, loader, className, redefined, domain, current);
            } catch (Throwable e) {
                // as the JVM does for each transformer: this one leaves the class as it is
                ChaosLog.warnOnce("gate-" + t.getClass().getName(), "chaos-agent: a transformer failed on "
                        + className, e);
                next = null;
            }
            if (next != null) {
                current = next;
                changed = true;
            }
        }
        if (traceBegin != 0) {
            trace(className, redefined != null, System.nanoTime() - traceBegin);
        }
        return changed ? current : null;
    }

    private final AtomicLong tracedClasses = new AtomicLong();
    private final AtomicLong tracedNanos = new AtomicLong();

    /** With {@code -Dchaos.agent.trace-startup=true}: slow transformations, and a sum every 1,000 classes. */
    private void trace(String className, boolean retransformed, long nanos) {
        long n = tracedClasses.incrementAndGet();
        long total = tracedNanos.addAndGet(nanos);
        if (nanos > 2_000_000) {
            StartupTrace.mark("transform of " + className + (retransformed ? " (retransformation)" : "") + " took "
                    + nanos / 1_000_000 + " ms");
        }
        if (n % 1000 == 0) {
            StartupTrace.mark(n + " classes through the agent's transformers, " + total / 1_000_000 + " ms in all");
        }
    }

    private void await(String name, boolean jdbc) {
        if (jdbc ? !jdbcExpected : !byteBuddyExpected) {
            return;
        }
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        Runnable start = null;
        synchronized (this) {
            if (!jdbc && onDemand != null) {
                start = onDemand;
                onDemand = null;
            }
        }
        if (start != null) {
            StartupTrace.mark(name + " starts ByteBuddy's installation");
            start.run();
        }
        synchronized (this) {
            while (jdbc ? jdbcExpected : byteBuddyExpected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    ChaosLog.warnOnce("weaver-wait", "chaos-agent: " + name + " waited "
                            + waitMillis + " ms for the weaver and loads without it; it is woven as soon as the"
                            + " weaver is ready, and calls until then run without chaos", null);
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long took = System.nanoTime() - begin;
        waited.incrementAndGet();
        waitedNanos.addAndGet(took);
        StartupTrace.mark(name + " waited " + took / 1_000_000 + " ms for the weaver");
    }
}
