package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.agent.bootstrap.JdbcCalls;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
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
    private boolean following;

    private Installation(Instrumentation instrumentation, ResettableClassFileTransformer transformer,
            TransformListener listener, Weaver weaver, MethodRuleInstrumentation methodRules) {
        this.instrumentation = instrumentation;
        this.transformer = transformer;
        this.listener = listener;
        this.weaver = weaver;
        this.methodRules = methodRules;
    }

    /** Installs the transformer; {@link #follow(ChaosMonkey)} then connects the method rules. */
    static Installation install(Instrumentation instrumentation) {
        TransformListener listener = new TransformListener();
        Weaver weaver = new Weaver(instrumentation);
        MethodRuleInstrumentation methodRules = new MethodRuleInstrumentation(instrumentation);
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
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
        builder = ReachInstrumentations.register(builder, weaver);
        builder = methodRules.register(builder, weaver);
        // errors on single classes go to the listener (logged once); those classes stay as they are
        ResettableClassFileTransformer transformer = builder.installOn(instrumentation);
        return new Installation(instrumentation, transformer, listener, weaver, methodRules);
    }

    /** Weaves for the method rules of {@code monkey}, now and whenever one is armed. */
    synchronized void follow(ChaosMonkey monkey) {
        if (!following) {
            following = true;
            methodRules.follow(monkey);
        }
    }

    /** Builds all advice ahead of the first matching class. */
    void warmUp() {
        weaver.warmUp();
    }

    /** Removes the transformer and restores every woven class. Returns how many classes were woven. */
    int uninstall() {
        methodRules.unfollow();
        long woven = listener.transformed();
        boolean reset = transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        if (!reset) {
            ChaosLog.warn("chaos-agent: the transformer was already removed");
        }
        JdbcCalls.clear();
        HttpDispatch.clear();
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

    List<String> activeInstrumentations() {
        return new ArrayList<>(weaver.active());
    }
}
