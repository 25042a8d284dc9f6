package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Retransformation of the loaded classes of given names (JDK classes woven when a kind of rule first appears). */
final class LoadedTypes {
    private LoadedTypes() {
    }

    /**
     * Retransforms the loaded, modifiable classes whose names are in {@code names}; returns how many there were
     * (none loaded: 0, nothing retransformed).
     */
    static int retransform(Instrumentation instrumentation, Set<String> names) throws UnmodifiableClassException {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (names.contains(c.getName()) && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        return loaded.size();
    }
}
