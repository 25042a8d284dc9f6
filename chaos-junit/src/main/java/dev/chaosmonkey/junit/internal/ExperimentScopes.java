package dev.chaosmonkey.junit.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.platform.commons.support.AnnotationSupport;

import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;

/**
 * Where an experiment's faults act, decided from its annotations alone, so that the resource lock chosen at discovery
 * ({@link ChaosLocks}) and the rules armed at run time ({@link ChaosExperimentExtension}) always agree. Pure
 * functions over annotations and rules.
 */
public final class ExperimentScopes {
    private static final int MAX_NAME = 64;
    private static final AtomicLong COUNTER = new AtomicLong();

    private ExperimentScopes() {
    }

    /**
     * The experiment-level scope of {@code method}: the first setting that is not {@link FaultScope#DEFAULT} on the
     * method's {@link ChaosExperiment}, then on the classes from innermost to outermost; {@link FaultScope#TEST}
     * when none sets one. Never {@link FaultScope#DEFAULT}.
     */
    public static FaultScope experimentScope(Method method, List<Class<?>> classesInnermostFirst) {
        List<Optional<ChaosExperiment>> candidates = new ArrayList<>();
        candidates.add(AnnotationSupport.findAnnotation(method, ChaosExperiment.class));
        for (Class<?> c : classesInnermostFirst) {
            candidates.add(AnnotationSupport.findAnnotation(c, ChaosExperiment.class));
        }
        for (Optional<ChaosExperiment> a : candidates) {
            if (a.isPresent() && a.get().scope() != FaultScope.DEFAULT) {
                return a.get().scope();
            }
        }
        return FaultScope.TEST;
    }

    /** The {@link Fault}s declared for {@code method}: those on its class first, then its own. */
    public static List<Fault> declaredFaults(Class<?> testClass, Method method) {
        List<Fault> declared = new ArrayList<>(AnnotationSupport.findRepeatableAnnotations(testClass, Fault.class));
        declared.addAll(AnnotationSupport.findRepeatableAnnotations(method, Fault.class));
        return declared;
    }

    /**
     * {@code rule} as armed by an experiment whose scope is {@code scopeName}: with {@code scope=scopeName} added
     * when {@code where} is {@link FaultScope#TEST} and the rule can be scoped; unchanged when it names a scope of
     * its own, is a {@code resource} fault (those act on the whole process) or {@code where} is
     * {@link FaultScope#GLOBAL}.
     */
    public static ChaosRule applyScope(ChaosRule rule, FaultScope where, String scopeName) {
        if (where == FaultScope.GLOBAL || rule.scope() != null || rule.point() == InjectionPoint.RESOURCE) {
            return rule;
        }
        return rule.toBuilder().scope(scopeName).build();
    }

    /** Where a declared fault acts: its own setting, else the experiment's. */
    public static FaultScope effective(Fault fault, FaultScope experiment) {
        return fault.scope() == FaultScope.DEFAULT ? experiment : fault.scope();
    }

    /**
     * Whether the experiment of {@code method} needs the chaos lock exclusively: it is {@link FaultScope#GLOBAL}
     * (faults armed through ChaosControl act process-wide), or a declared fault acts process-wide ({@code resource},
     * or {@link FaultScope#GLOBAL} on the fault), or a declared spec does not parse (the test fails in any case;
     * exclusive is the safe guess).
     */
    public static boolean exclusive(Class<?> testClass, Method method, List<Class<?>> classesInnermostFirst) {
        FaultScope experiment = experimentScope(method, classesInnermostFirst);
        if (experiment == FaultScope.GLOBAL) {
            return true;
        }
        for (Fault f : declaredFaults(testClass, method)) {
            ChaosRule rule;
            try {
                rule = FaultSpec.parse(f.value());
            } catch (RuntimeException e) {
                return true;
            }
            if (applyScope(rule, effective(f, experiment), "x").scope() == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new scope name for an experiment reported as {@code reportName}: the name (only letters, digits,
     * {@code _ . -}, cut to fit) followed by {@code -<n>}, n counting experiments in this JVM, so that repetitions
     * and parallel runs of the same test never share a scope.
     */
    public static String newScopeName(String reportName) {
        String suffix = "-" + COUNTER.incrementAndGet();
        String base = reportName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty()) {
            base = "experiment";
        }
        int room = MAX_NAME - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }
}
