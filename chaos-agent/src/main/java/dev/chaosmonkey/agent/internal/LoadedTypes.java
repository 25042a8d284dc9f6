package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The loaded classes a weaver retransforms: JDK classes woven when a kind of rule first appears, JDBC, methods. */
final class LoadedTypes {
    private LoadedTypes() {
    }

    /** The loaded classes that {@code selected} accepts and the JVM can modify. */
    static List<Class<?>> modifiable(Instrumentation instrumentation, Predicate<Class<?>> selected) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (selected.test(c) && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        return loaded;
    }

    /**
     * Retransforms the loaded, modifiable classes whose names are in {@code names}; returns how many there were
     * (none loaded: 0, nothing retransformed).
     */
    static int retransform(Instrumentation instrumentation, Set<String> names) throws UnmodifiableClassException {
        List<Class<?>> loaded = modifiable(instrumentation, c -> names.contains(c.getName()));
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        return loaded.size();
    }
}
