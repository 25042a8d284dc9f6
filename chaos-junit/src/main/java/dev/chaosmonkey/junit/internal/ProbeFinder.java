package dev.chaosmonkey.junit.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.SteadyStateProbe;

/** Finds the {@link SteadyStateProbe} methods and fields of a test class and binds one to the test instance. */
public final class ProbeFinder {
    private ProbeFinder() {
    }

    /**
     * The probe to use, or {@code null} when the class declares none.
     *
     * @param selected {@code ChaosExperiment.probe()}: empty for the only one
     * @throws IllegalArgumentException naming the problem (several probes without a selection, unknown name, a probe
     *     with parameters or of an unsupported field type)
     */
    public static Probe find(Class<?> testClass, Object instance, String selected) {
        List<Probe> probes = new ArrayList<>();
        for (Method m : AnnotationSupport.findAnnotatedMethods(testClass, SteadyStateProbe.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            probes.add(method(m, instance));
        }
        for (Field f : AnnotationSupport.findAnnotatedFields(testClass, SteadyStateProbe.class)) {
            probes.add(field(f, instance));
        }
        if (probes.isEmpty()) {
            if (!selected.isEmpty()) {
                throw new IllegalArgumentException("@ChaosExperiment(probe = \"" + selected + "\") but "
                        + testClass.getName() + " has no @SteadyStateProbe method or field");
            }
            return null;
        }
        if (!selected.isEmpty()) {
            return probes.stream().filter(p -> p.name().equals(selected)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("@ChaosExperiment(probe = \"" + selected
                            + "\") names no @SteadyStateProbe; there are: " + names(probes)));
        }
        if (probes.size() > 1) {
            throw new IllegalArgumentException(testClass.getName() + " has several @SteadyStateProbes ("
                    + names(probes) + "): choose one with @ChaosExperiment(probe = \"...\")");
        }
        return probes.get(0);
    }

    private static String names(List<Probe> probes) {
        return probes.stream().map(Probe::name).collect(Collectors.joining(", "));
    }

    private static String nameOf(SteadyStateProbe a, String member) {
        return a.value().isEmpty() ? member : a.value();
    }

    private static Probe method(Method m, Object instance) {
        if (m.getParameterCount() != 0) {
            throw new IllegalArgumentException("@SteadyStateProbe method " + m.getName()
                    + " must not take parameters");
        }
        String name = nameOf(m.getAnnotation(SteadyStateProbe.class), m.getName());
        Object target = Modifier.isStatic(m.getModifiers()) ? null : instance;
        m.setAccessible(true);
        return new Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ProbeOutcome sample() throws Throwable {
                try {
                    return interpret(m.invoke(target));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
    }

    private static Probe field(Field f, Object instance) {
        String name = nameOf(f.getAnnotation(SteadyStateProbe.class), f.getName());
        Object value = ReflectionSupport.tryToReadFieldValue(f, Modifier.isStatic(f.getModifiers()) ? null : instance)
                .toOptional().orElse(null);
        if (value instanceof Callable<?> c) {
            return probe(name, () -> interpret(c.call()));
        }
        if (value instanceof Supplier<?> s) {
            return probe(name, () -> interpret(s.get()));
        }
        if (value instanceof Runnable r) {
            return probe(name, () -> {
                r.run();
                return ProbeOutcome.HEALTHY;
            });
        }
        throw new IllegalArgumentException("@SteadyStateProbe field " + f.getName() + " must hold a Callable, Supplier"
                + " or Runnable, but holds " + (value == null ? "null" : value.getClass().getName()));
    }

    private static Probe probe(String name, Callable<ProbeOutcome> body) {
        return new Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ProbeOutcome sample() throws Exception {
                return body.call();
            }
        };
    }

    /** Maps a probe's return value to an outcome (see {@link SteadyStateProbe}). */
    static ProbeOutcome interpret(Object result) {
        if (result instanceof ProbeOutcome o) {
            return o;
        }
        if (Boolean.FALSE.equals(result)) {
            return ProbeOutcome.FAILED;
        }
        return ProbeOutcome.HEALTHY;
    }
}
