package dev.chaosmonkey.junit.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

import dev.chaosmonkey.junit.ChaosExperiment;

/**
 * The resource lock of a {@link ChaosExperiment}, decided per test method at discovery: the chaos lock
 * {@value ChaosExperiment#GLOBAL_CHAOS_LOCK} shared ({@link ResourceAccessMode#READ}) when every fault of the
 * experiment is scoped to it, so scoped experiments run in parallel with each other; exclusive
 * ({@link ResourceAccessMode#READ_WRITE}) when one acts on the whole process (see
 * {@link ExperimentScopes#exclusive}). Classes take no lock of their own, so one exclusive experiment does not
 * serialize its whole class.
 */
public final class ChaosLocks implements ResourceLocksProvider {

    /** Creates the provider (JUnit instantiates it). */
    public ChaosLocks() {
    }

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return Set.of();
    }

    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
        return Set.of();
    }

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return Set.of(new Lock(ChaosExperiment.GLOBAL_CHAOS_LOCK, mode(enclosingInstanceTypes, testClass, testMethod)));
    }

    /** The access mode the experiment {@code testMethod} takes on the chaos lock. */
    static ResourceAccessMode mode(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        try {
            List<Class<?>> classes = new ArrayList<>();
            classes.add(testClass);
            for (int i = enclosingInstanceTypes.size() - 1; i >= 0; i--) {
                classes.add(enclosingInstanceTypes.get(i));
            }
            return ExperimentScopes.exclusive(testClass, testMethod, classes) ? ResourceAccessMode.READ_WRITE
                    : ResourceAccessMode.READ;
        } catch (RuntimeException | LinkageError e) {
            return ResourceAccessMode.READ_WRITE; // cannot tell: run alone, as before scopes
        }
    }
}
