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
 * One installed set of instrumentations: the ByteBuddy transformer, kept with the {@link Instrumentation} it was
 * installed with (resetting through another instance does nothing), and the listener that weaves method rules.
 */
final class Installation {
    private final Instrumentation instrumentation;
    private final ResettableClassFileTransformer transformer;
    private final TransformListener listener;
    private final Weaver weaver;
    private final MethodRuleInstrumentation methodRules;
    private final ClassFileFidelity fidelity;
    private final ScopePropagationInstrumentation scopes;
    private final PointLatch latch;
    private boolean following;

    private Installation(Instrumentation instrumentation, ResettableClassFileTransformer transformer,
            TransformListener listener, Weaver weaver, MethodRuleInstrumentation methodRules,
            ClassFileFidelity fidelity, ScopePropagationInstrumentation scopes, PointLatch latch) {
        this.latch = latch;
        this.instrumentation = instrumentation;
        this.fidelity = fidelity;
        this.transformer = transformer;
        this.listener = listener;
        this.weaver = weaver;
        this.methodRules = methodRules;
        this.scopes = scopes;
    }

    /**
     * Installs the transformer through {@code instrumentation} (the {@link WeaveGate}'s), the method rules starting
     * from {@code methodTargets} (so that classes woven from the first moment know the method rules armed so far);
     * {@link #follow(ChaosMonkey)} then connects them to the rules. Installing takes no lock of chaos-core: a class
     * that waits for this installation may be loading while its thread holds one (a config file's exception class,
     * checked inside the chaos state's lock).
     */
    static Installation install(Instrumentation instrumentation, MethodTargets methodTargets, int armedMask) {
        // before the agent's transformer, so that retransformations weave (and restore) from complete class files
        ClassFileFidelity fidelity = new ClassFileFidelity();
        instrumentation.addTransformer(fidelity, true);
        TransformListener listener = new TransformListener();
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
        builder = JdbcInstrumentation.register(builder, weaver);
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
            // classes that load from now on skip ByteBuddy unless an instrumentation may weave them
            ((GatedInstrumentation) instrumentation).gate().filterLoads(methodRules::targets);
        }
        // errors on single classes go to the listener (logged once); those classes stay as they are
        ResettableClassFileTransformer transformer;
        try {
            transformer = builder.installOn(instrumentation);
        } catch (RuntimeException | Error e) {
            instrumentation.removeTransformer(fidelity);
            throw e;
        }
        StartupTrace.mark("transformer installed");
        // the advice a first JDBC or JDK HTTP class will need, built here rather than on the application thread
        // that loads it
        Set<String> prebuilt = new HashSet<>();
        if ((armedMask & InjectionPoint.JDBC.bit()) != 0) {
            prebuilt.add(JdbcInstrumentation.NAME);
        }
        if ((armedMask & InjectionPoint.HTTP.bit()) != 0) {
            prebuilt.add(JdkHttpClientInstrumentation.NAME);
            prebuilt.add(HttpUrlConnectionInstrumentation.NAME);
        }
        weaver.prebuild(prebuilt);
        StartupTrace.mark("advice prebuilt " + prebuilt);
        return new Installation(instrumentation, transformer, listener, weaver, methodRules, fidelity, scopes, latch);
    }

    /** Weaves for the method rules of {@code monkey}, now and whenever one is armed. */
    synchronized void follow(ChaosMonkey monkey) {
        if (!following) {
            following = true;
            methodRules.follow(monkey);
            scopes.follow(monkey);
            latch.follow(monkey);
        }
    }

    /** Removes the transformer and restores every woven class. Returns how many classes were woven. */
    int uninstall() {
        methodRules.unfollow();
        scopes.unfollow();
        latch.unfollow();
        long woven = listener.transformed();
        if (instrumentation instanceof GatedInstrumentation) {
            ((GatedInstrumentation) instrumentation).gate().filterLoads(null);
        }
        boolean reset = transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        if (!reset) {
            ChaosLog.warn("chaos-agent: the transformer was already removed");
        }
        instrumentation.removeTransformer(fidelity);
        JdbcCalls.clear();
        HttpDispatch.clear();
        dev.chaosmonkey.agent.bootstrap.NetCalls.clear();
        return (int) Math.min(Integer.MAX_VALUE, woven);
    }

    long weaveFailures() {
        return listener.failed();
    }

    List<String> weaveFailureReasons() {
        return listener.failureReasons();
    }

    long transformedClasses() {
        return listener.transformed();
    }

    int methodRuleTargets() {
        return methodRules.targetCount();
    }

    List<String> activeInstrumentations() {
        return new ArrayList<>(weaver.active());
    }
}
