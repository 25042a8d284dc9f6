package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which loaded classes ByteBuddy's installation looks at for retransformation: those whose name may be woven
 * ({@link WeaveCandidates#mayWeave(String, MethodTargets)}), not every loaded class. ByteBuddy's own discovery
 * describes each of the JVM's loaded classes and runs the ignore matcher and every type matcher on it: about 230
 * ms on the weaver's thread at the start of a Spring Boot application (2,500 classes loaded, none of them matched)
 * and far more when the first rule is armed in a running one (15,000-20,000). The name check is the same superset
 * the class-load path uses, so no class that an instrumentation would weave is left out.
 */
final class CandidateDiscovery implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {
    private final Supplier<MethodTargets> methodTargets;

    CandidateDiscovery(Supplier<MethodTargets> methodTargets) {
        this.methodTargets = methodTargets;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation instrumentation) {
        MethodTargets targets = methodTargets.get();
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && WeaveCandidates.mayWeave(c.getName(), targets)) {
                candidates.add(c);
            }
        }
        List<Iterable<Class<?>>> passes = new ArrayList<>(1);
        passes.add(candidates);
        return passes;
    }
}
