package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.agent.bootstrap.JdbcCalls;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * One installed set of instrumentations, kept with the {@link Instrumentation} it was installed with (the
 * {@link WeaveGate}'s; resetting through another instance does nothing): the class-file fidelity keeper and the
 * {@link JdbcWeaver} (plain ASM) from the start, ByteBuddy's transformer for every other instrumentation once a
 * rule needs one ({@link #installByteBuddy}), with the listener that weaves method rules. Rules on JDBC alone never
 * load ByteBuddy.
 */
final class Installation {
    private final Instrumentation instrumentation;
    private final WeaveRecord record;
    private final ClassFileFidelity fidelity;
    private final JdbcWeaver jdbc;
    /** ByteBuddy's part; {@code null} until installed. */
    private volatile ResettableClassFileTransformer transformer;
    private Weaver weaver;
    private MethodRuleInstrumentation methodRules;
    private ScopePropagationInstrumentation scopes;
    private PointLatch latch;
    private boolean following;
    private boolean uninstalled;

    private Installation(Instrumentation instrumentation, WeaveRecord record, ClassFileFidelity fidelity,
            JdbcWeaver jdbc) {
        this.instrumentation = instrumentation;
        this.record = record;
        this.fidelity = fidelity;
        this.jdbc = jdbc;
    }

    /**
     * Adds the fidelity keeper and the JDBC weaver through {@code instrumentation} (the {@link WeaveGate}'s) and, if
     * {@code retransformLoaded}, weaves the JDBC classes already loaded. ByteBuddy is not loaded.
     */
    static Installation install(Instrumentation instrumentation, boolean retransformLoaded) {
        // before the weavers, so that retransformations weave (and restore) from complete class files
        ClassFileFidelity fidelity = new ClassFileFidelity();
        instrumentation.addTransformer(fidelity, true);
        WeaveRecord record = new WeaveRecord();
        JdbcWeaver jdbc = new JdbcWeaver(instrumentation, record);
        instrumentation.addTransformer(jdbc, true);
        Installation installation = new Installation(instrumentation, record, fidelity, jdbc);
        if (retransformLoaded) {
            installation.retransformJdbc();
        }
        StartupTrace.mark("JDBC weaver installed");
        return installation;
    }

    /**
     * Retransforms the loaded classes the JDBC weaver weaves: all in one call (each call is a pause of every
     * application thread, 20-40 ms in a Spring Boot application), or one by one when that fails (a retransformation
     * is all or nothing), so that one class that cannot be retransformed leaves the rest woven.
     */
    private void retransformJdbc() {
        List<Class<?>> loaded = LoadedTypes.modifiable(instrumentation, JdbcWeaver::matchesLoaded);
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            return;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            // one of them: find it
        }
        for (Class<?> c : loaded) {
            try {
                instrumentation.retransformClasses(c);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                record.failed(c.getName(), t);
            }
        }
    }

    /** Whether ByteBuddy's transformer is installed. */
    boolean hasByteBuddy() {
        return transformer != null;
    }

    /**
     * Installs ByteBuddy's transformer (once; returns {@code false} if it was already installed or this installation
     * was uninstalled), the method rules starting from {@code methodTargets} (so that classes woven from the first
     * moment know the method rules armed so far), the JDK network classes of the points in {@code armedMask}; with
     * {@code prebuild}, the advice of the armed HTTP points is built now rather than on the application thread that
     * loads the first client. Installing takes no lock of chaos-core: a class that waits for this installation may
     * be loading while its thread holds one (a config file's exception class, checked inside the chaos state's lock).
     */
    synchronized boolean installByteBuddy(MethodTargets methodTargets, int armedMask, boolean prebuild) {
        if (transformer != null || uninstalled) {
            return false;
        }
        TransformListener listener = new TransformListener(record);
        Weaver weaver = new Weaver(instrumentation);
        MethodRuleInstrumentation methodRules = new MethodRuleInstrumentation(instrumentation);
        ScopePropagationInstrumentation scopes = new ScopePropagationInstrumentation(instrumentation);
        PointLatch latch = new PointLatch(instrumentation);
        latch.seed(armedMask);
        // advice goes on methods the woven type declares (Advice.on is a visitor of declared methods): the method
        // graph of inherited methods, which ByteBuddy's default compiler resolves through every super type of each
        // woven class, is never needed
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new CandidateDiscovery(methodRules::targets))
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN)
                .with(new TolerantTypePool.Strategy())
                .with(listener)
                .ignore(new IgnoredTypes());
        builder = JdkHttpClientInstrumentation.register(builder, weaver);
        builder = HttpUrlConnectionInstrumentation.register(builder, weaver);
        builder = ApacheHttpClientInstrumentation.register(builder, weaver);
        builder = OkHttpInstrumentation.register(builder, weaver);
        builder = KafkaProducerInstrumentation.register(builder, weaver);
        builder = ReachInstrumentations.register(builder, weaver, latch);
        builder = methodRules.register(builder, weaver);
        builder = scopes.register(builder, weaver);
        methodRules.seed(methodTargets);
        StartupTrace.mark("agent builder ready");
        if (instrumentation instanceof GatedInstrumentation) {
            // classes that load from now on skip ByteBuddy unless one of its instrumentations may weave them
            ((GatedInstrumentation) instrumentation).gate().filterLoads(methodRules::targets);
        }
        // errors on single classes go to the listener (logged once); those classes stay as they are
        ResettableClassFileTransformer installed = builder.installOn(instrumentation);
        StartupTrace.mark("transformer installed");
        if (prebuild && (armedMask & InjectionPoint.HTTP.bit()) != 0) {
            // the advice a first JDK HTTP client will need, built here rather than on the application thread
            Set<String> prebuilt = new HashSet<>();
            prebuilt.add(JdkHttpClientInstrumentation.NAME);
            prebuilt.add(HttpUrlConnectionInstrumentation.NAME);
            weaver.prebuild(prebuilt);
            StartupTrace.mark("advice prebuilt " + prebuilt);
        }
        this.weaver = weaver;
        this.methodRules = methodRules;
        this.scopes = scopes;
        this.latch = latch;
        this.transformer = installed;
        // following the rules (chaos-core's listeners) is the caller's next step, once classes that waited for
        // this installation have gone on: one of them may hold a lock of chaos-core
        return true;
    }

    /** Weaves for the method rules of {@code monkey}, now and whenever one is armed (once ByteBuddy is in). */
    synchronized void follow(ChaosMonkey monkey) {
        if (!following && transformer != null) {
            following = true;
            methodRules.follow(monkey);
            scopes.follow(monkey);
            latch.follow(monkey);
        }
    }

    /** Removes the transformers and restores every woven class. Returns how many classes were woven. */
    synchronized int uninstall() {
        uninstalled = true;
        long woven = record.transformed();
        jdbc.disable();
        instrumentation.removeTransformer(jdbc);
        ResettableClassFileTransformer installed = transformer;
        if (installed != null) {
            methodRules.unfollow();
            scopes.unfollow();
            latch.unfollow();
            if (instrumentation instanceof GatedInstrumentation) {
                ((GatedInstrumentation) instrumentation).gate().filterLoads(null);
            }
            boolean reset = installed.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            if (!reset) {
                ChaosLog.warn("chaos-agent: the transformer was already removed");
            }
        }
        if (jdbc.active()) {
            // without the JDBC weaver in the chain, retransformation restores the original bytecode
            retransformJdbc();
        }
        instrumentation.removeTransformer(fidelity);
        JdbcCalls.clear();
        HttpDispatch.clear();
        dev.chaosmonkey.agent.bootstrap.NetCalls.clear();
        return (int) Math.min(Integer.MAX_VALUE, woven);
    }

    long weaveFailures() {
        return record.failed();
    }

    List<String> weaveFailureReasons() {
        return record.failureReasons();
    }

    long transformedClasses() {
        return record.transformed();
    }

    synchronized int methodRuleTargets() {
        return methodRules == null ? 0 : methodRules.targetCount();
    }

    synchronized List<String> activeInstrumentations() {
        List<String> active = new ArrayList<>();
        if (jdbc.active()) {
            active.add(JdbcWeaver.NAME);
        }
        if (weaver != null) {
            active.addAll(weaver.active());
        }
        return active;
    }
}
