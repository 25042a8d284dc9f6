package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.chaosmonkey.agent.bootstrap.MethodCalls;
import dev.chaosmonkey.agent.internal.MethodTargets.Target;
import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosEventListener;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.RuleInfo;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The {@code method} point: classes named by armed {@code method class=... method=...} rules are woven when the rule
 * is armed (already loaded classes are retransformed, later ones are woven as they load). Only {@code class=} with
 * an exact name or a glob can be honoured, because classes are selected by name before they are parsed. When the
 * last rule naming a class goes (disarmed or expired), the class is restored; detaching the agent restores all.
 */
final class MethodRuleInstrumentation implements ChaosEventListener {

    private final Instrumentation instrumentation;
    private volatile ChaosMonkey monkey;
    /** What the armed method rules name; replaced (never grown in place) when rules come and go. */
    private volatile MethodTargets targets = MethodTargets.NONE;

    MethodRuleInstrumentation(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Starts following the rules of {@code chaos}: weaves for rules armed so far and for every new one. */
    void follow(ChaosMonkey chaos) {
        this.monkey = chaos;
        chaos.addListener(this);
        refresh();
    }

    /** Starts from {@code armed} (the targets of the rules armed so far) before following the rules. */
    void seed(MethodTargets armed) {
        targets = armed;
    }

    /** Stops following rules. */
    void unfollow() {
        ChaosMonkey chaos = monkey;
        if (chaos != null) {
            chaos.removeListener(this);
        }
    }

    AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        // two advice shapes: a method returning a value can be given one by return(...), a void one just returns
        return builder.type(new TypeSelector())
                .transform(weaver.advice("method", MethodAdvice.class, isMethod()
                        .and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic()))
                        .and(not(returns(void.class))).and(new MethodSelector())))
                .transform(weaver.advice("method", VoidMethodAdvice.class, isMethod()
                        .and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic()))
                        .and(returns(void.class)).and(new MethodSelector())));
    }

    @Override
    public void onEvent(ChaosEvent event) {
        if (event.point() == InjectionPoint.METHOD && (event.type() == ChaosEvent.Type.ARMED
                || event.type() == ChaosEvent.Type.ACTIVATED || event.type() == ChaosEvent.Type.DISARMED
                || event.type() == ChaosEvent.Type.EXPIRED)) {
            refresh();
        }
    }

    /**
     * Reads the armed method rules: weaves loaded classes named by new ones and restores loaded classes that no
     * rule names any more (a retransformation without them in the targets gives back their original class file).
     */
    synchronized void refresh() {
        ChaosMonkey chaos = monkey;
        if (chaos == null) {
            return;
        }
        Set<Target> now = new LinkedHashSet<>();
        for (RuleInfo info : chaos.rules()) {
            if (InjectionPoint.METHOD.specName().equals(info.getPoint())) {
                Target target = MethodTargets.targetOf(info);
                if (target != null) {
                    now.add(target);
                }
            }
        }
        MethodTargets before = targets;
        if (now.equals(before.targets())) {
            return;
        }
        List<Target> changed = new ArrayList<>();
        for (Target t : now) {
            if (!before.targets().contains(t)) {
                changed.add(t);
            }
        }
        for (Target t : before.targets()) {
            if (!now.contains(t)) {
                changed.add(t);
            }
        }
        targets = now.isEmpty() ? MethodTargets.NONE : new MethodTargets(now);
        List<Class<?>> loaded = LoadedTypes.modifiable(instrumentation, c -> {
            String name = c.getName();
            for (Target t : changed) {
                if (t.matchesType(name)) {
                    return true;
                }
            }
            return false;
        });
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable t) {
            ChaosLog.warn("chaos-agent: could not weave or restore " + loaded.size() + " class(es) for method rules",
                    t);
        }
    }

    /** The class/method targets of the method rules armed now. */
    MethodTargets targets() {
        return targets;
    }

    /** How many distinct class/method targets the armed method rules name. */
    int targetCount() {
        return targets.size();
    }


    private final class TypeSelector extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
        @Override
        public boolean matches(TypeDescription type) {
            MethodTargets current = targets;
            return !current.isEmpty() && current.matchesType(type.getName());
        }
    }

    private final class MethodSelector extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        @Override
        public boolean matches(MethodDescription method) {
            return targets.matchesMethod(method.getDeclaringType().asErasure().getName(), method.getInternalName());
        }
    }

    static final class MethodAdvice {
        private MethodAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static MethodCalls.Returned enter(@Advice.Origin("#t") String type, @Advice.Origin("#m") String method,
                @Advice.Origin Class<?> origin, @Advice.Origin("#r") String returnType) {
            return MethodCalls.enterReturning(type, method, origin, returnType);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter MethodCalls.Returned returned,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
            if (returned != null) {
                value = MethodCalls.valueOf(returned);
            }
        }
    }

    static final class VoidMethodAdvice {
        private VoidMethodAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Origin("#t") String type, @Advice.Origin("#m") String method,
                @Advice.Origin Class<?> origin) {
            return MethodCalls.enterVoid(type, method, origin);
        }
    }
}
