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
 * class-file fidelity keeper, then ByteBuddy's) in the order they were added through {@link #instrumentation()},
 * and it lets ByteBuddy initialise in the background after rules were armed by the agent options.
 *
 * <p>While the weaver is {@linkplain #expect(WeaveCandidates) expected} but ByteBuddy's transformer is not added
 * yet, a class that loads and that the armed instrumentations may weave ({@link WeaveCandidates}, a check of its
 * name) waits for it, so that a rule armed at start fires from the first call; every other class loads at once.
 * Classes that loaded meanwhile without waiting are still looked at: ByteBuddy's installation retransforms the
 * loaded classes it matches. The wait is bounded ({@value #DEFAULT_WAIT_MILLIS} ms, {@code
 * -Dchaos.agent.weaver-wait-ms}); a class that gave up waiting is logged once and woven by that retransformation.
 */
final class WeaveGate implements ClassFileTransformer {
    static final long DEFAULT_WAIT_MILLIS = 30_000;
    private final Instrumentation instrumentation;
    private final Instrumentation gated;
    private final List<ClassFileTransformer> chain = new CopyOnWriteArrayList<>();
    private final long waitMillis = Math.max(0, Long.getLong("chaos.agent.weaver-wait-ms", DEFAULT_WAIT_MILLIS));
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    /** What must wait while the weaver is on its way; {@code null} when nothing waits. */
    private volatile WeaveCandidates pending;
    /** The thread that builds the weaver: it never waits for itself. */
    private volatile Thread builder;
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

    /** From now until the weaver's transformer is added (or {@link #release()}), candidate classes wait for it. */
    void expect(WeaveCandidates candidates, Thread weaverBuilder) {
        builder = weaverBuilder;
        pending = candidates;
    }

    /** Lets waiting classes go (the weaver failed to start); they load unwoven. */
    synchronized void release() {
        pending = null;
        notifyAll();
    }

    void add(ClassFileTransformer transformer) {
        chain.add(transformer);
        if (!(transformer instanceof ClassFileFidelity)) {
            // ByteBuddy's transformer: from now on every class goes through it
            release();
        }
    }

    /**
     * From now on, a class that loads (not one being retransformed) skips the chain unless its name may be woven
     * with the method targets {@code methodTargets} gives; {@code null} lets every class through again.
     */
    void filterLoads(java.util.function.Supplier<MethodTargets> methodTargets) {
        loadFilter = methodTargets;
    }

    boolean remove(ClassFileTransformer transformer) {
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
        if (redefined == null) {
            // a class that loads; the loaded classes that ByteBuddy's installation retransforms are never held up
            String name = className == null ? null : className.replace('/', '.');
            WeaveCandidates waitFor = pending;
            if (waitFor != null && name != null && Thread.currentThread() != builder
                    && waitFor.mustWait(name, bytes)) {
                await(name);
            }
            java.util.function.Supplier<MethodTargets> filter = loadFilter;
            if (filter != null && !WeaveCandidates.mayWeave(name, filter.get())) {
                // ClassFileFidelity only acts on retransformations: nothing in the chain wants this class
                return null;
            }
        }
        long traceBegin = StartupTrace.on() ? System.nanoTime() : 0;
        byte[] current = bytes;
        boolean changed = false;
        for (ClassFileTransformer t : chain) {
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

    private void await(String name) {
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        synchronized (this) {
            while (pending != null) {
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
