package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.chaosmonkey.agent.bootstrap.ChaosBridge;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds advice transformers. Advice classes are described from their class files, never loaded, so advice written
 * against optional libraries (Kafka, OkHttp, HttpClient 5) costs nothing when the library is absent. Transformed
 * classes in named modules (the JDK's {@code java.sql}, {@code java.net.http}, {@code java.base}) get a read edge
 * to the bootstrap class loader's unnamed module, where the bridge classes live.
 */
final class Weaver {
    private final Instrumentation instrumentation;
    private final ClassFileLocator locator;
    private final TypePool pool;
    private final Module bootstrapModule = ChaosBridge.class.getModule();
    private final Set<Module> edged = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> active = new ConcurrentHashMap<>();
    /** The advice of each instrumentation name, built on first use or by {@link #prebuild(Set)}. */
    private final Map<String, java.util.List<LazyAdvice>> byName = new ConcurrentHashMap<>();

    Weaver(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        this.locator = locator();
        this.pool = TypePool.Default.of(locator);
    }

    /** The agent's class files, the bridge's too (class files of boot loader classes cannot be looked up). */
    private static ClassFileLocator locator() {
        ClassFileLocator agent = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
        java.util.Map<String, byte[]> bridge = AgentBootstrap.bridgeClasses();
        return bridge.isEmpty() ? agent : new ClassFileLocator.Compound(agent, new ClassFileLocator.Simple(bridge));
    }

    /**
     * A transformer applying {@code advice} to the methods {@code methods} selects, recorded under {@code name}. The
     * advice is built on first use: advice for absent libraries is never built.
     */
    AgentBuilder.Transformer advice(String name, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        LazyAdvice lazy = new LazyAdvice(advice.getName(), methods);
        byName.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(lazy);
        return (builder, type, loader, module, protectionDomain) -> {
            readEdge(module);
            active.put(name, Boolean.TRUE);
            return builder.visit(lazy.get());
        };
    }

    private final class LazyAdvice {
        private final String adviceClass;
        private final ElementMatcher<? super MethodDescription> methods;
        private volatile AsmVisitorWrapper visitor;

        LazyAdvice(String adviceClass, ElementMatcher<? super MethodDescription> methods) {
            this.adviceClass = adviceClass;
            this.methods = methods;
        }

        AsmVisitorWrapper get() {
            AsmVisitorWrapper v = visitor;
            if (v == null) {
                synchronized (this) {
                    v = visitor;
                    if (v == null) {
                        v = Advice.to(pool.describe(adviceClass).resolve(), locator).on(methods);
                        visitor = v;
                    }
                }
            }
            return v;
        }
    }

    /**
     * Builds the advice of these instrumentations now (on the weaver's thread), so that the application thread
     * whose class load is woven first does not pay for it (the first advice built also loads ByteBuddy's advice
     * machinery, about 100 ms). Only instrumentations whose advice needs nothing but the JDK: others may refer to
     * an absent library. A failure leaves the advice to be built on first use.
     */
    void prebuild(Set<String> names) {
        for (String name : names) {
            for (LazyAdvice lazy : byName.getOrDefault(name, java.util.List.of())) {
                try {
                    lazy.get();
                } catch (RuntimeException | LinkageError e) {
                    // built (and reported) when a class needs it
                }
            }
        }
    }

    private void readEdge(JavaModule module) {
        if (module == null || !module.isNamed()) {
            return;
        }
        Module target = (Module) module.unwrap();
        if (target.canRead(bootstrapModule) || !edged.add(target)) {
            return;
        }
        try {
            instrumentation.redefineModule(target, Set.of(bootstrapModule), Map.of(), Map.of(), Set.of(), Map.of());
        } catch (RuntimeException e) {
            ChaosLog.warnOnce("read-edge-" + target.getName(), "chaos-agent: cannot let module " + target.getName()
                    + " read the chaos classes; its calls will not be instrumented", e);
        }
    }

    /** Names of instrumentations that woven at least one class. */
    Set<String> active() {
        return active.keySet();
    }
}
