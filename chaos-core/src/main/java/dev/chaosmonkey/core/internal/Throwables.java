package dev.chaosmonkey.core.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds and instantiates exception classes by name. Chaos-core may be loaded by the bootstrap class loader (when the
 * agent is attached), where application and even {@code java.sql} classes are invisible, so lookups go through every
 * class loader that might know the class: the caller's hint, the thread's context loader, the system loader, and the
 * loaders the agent registered when it instrumented library classes.
 */
public final class Throwables {
    private static final List<java.lang.ref.WeakReference<ClassLoader>> REGISTERED = new CopyOnWriteArrayList<>();

    private Throwables() {
    }

    /** Makes classes of {@code loader} resolvable by name in fault specs (used by the agent for e.g. Kafka). */
    public static void registerClassLoader(ClassLoader loader) {
        if (loader == null) {
            return;
        }
        for (java.lang.ref.WeakReference<ClassLoader> ref : REGISTERED) {
            if (ref.get() == loader) {
                return;
            }
        }
        REGISTERED.removeIf(ref -> ref.get() == null);
        REGISTERED.add(new java.lang.ref.WeakReference<>(loader));
    }

    /**
     * Resolves a Throwable class that can be instantiated.
     *
     * @return the class, never {@code null}
     * @throws IllegalArgumentException naming the problem: unknown class, not a Throwable, abstract, no usable
     *     constructor
     */
    public static Class<? extends Throwable> resolve(String className, ClassLoader hint) {
        Class<?> type = find(className, hint);
        if (type == null) {
            throw new IllegalArgumentException("unknown exception class '" + className
                    + "' (not found by the context, system or registered class loaders)");
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("'" + className + "' is not a Throwable");
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new IllegalArgumentException("exception class '" + className + "' is abstract");
        }
        if (constructorFor(type) == null) {
            throw new IllegalArgumentException("exception class '" + className
                    + "' has no public constructor taking (String), (String, Throwable) or ()");
        }
        @SuppressWarnings("unchecked")
        Class<? extends Throwable> result = (Class<? extends Throwable>) type;
        return result;
    }

    /** Finds a class by name without initializing it; {@code null} when no loader knows it. */
    public static Class<?> find(String className, ClassLoader hint) {
        Class<?> c = tryLoad(className, hint);
        if (c == null) {
            c = tryLoad(className, Thread.currentThread().getContextClassLoader());
        }
        if (c == null) {
            c = tryLoad(className, ClassLoader.getSystemClassLoader());
        }
        if (c == null) {
            c = tryLoad(className, Throwables.class.getClassLoader());
        }
        if (c == null) {
            for (java.lang.ref.WeakReference<ClassLoader> ref : REGISTERED) {
                ClassLoader loader = ref.get();
                if (loader != null && (c = tryLoad(className, loader)) != null) {
                    break;
                }
            }
        }
        return c;
    }

    private static Class<?> tryLoad(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return null;
        }
    }

    private static Constructor<?> constructorFor(Class<?> type) {
        for (Class<?>[] signature : List.of(new Class<?>[] {String.class},
                new Class<?>[] {String.class, Throwable.class}, new Class<?>[0])) {
            try {
                Constructor<?> c = type.getConstructor(signature);
                return c;
            } catch (NoSuchMethodException e) {
                // try the next shape
            }
        }
        return null;
    }

    /**
     * Creates an instance of {@code type} carrying {@code message}.
     *
     * @throws IllegalArgumentException naming the class and why it could not be constructed; the caller injects a
     *     failure of its own instead, so the injected failure still happens
     */
    public static Throwable instantiate(Class<? extends Throwable> type, String message) {
        Constructor<?> c;
        try {
            c = constructorFor(type);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException("could not construct " + type.getName() + ": " + e);
        }
        if (c == null) {
            throw new IllegalArgumentException("could not construct " + type.getName());
        }
        try {
            Object[] args;
            switch (c.getParameterCount()) {
                case 1:
                    args = new Object[] {message};
                    break;
                case 2:
                    args = new Object[] {message, null};
                    break;
                default:
                    args = new Object[0];
            }
            return (Throwable) c.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalArgumentException("could not construct " + type.getName() + ": " + e);
        }
    }
}
