package dev.chaosmonkey.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A public method of a library type that bootstrap code cannot name (Kafka, Apache HttpClient, OkHttp live in
 * application class loaders), found by name and arity on the runtime class of the target, through a public
 * declaring type, and cached per class. Used only while a rule is armed.
 */
public final class PublicMethod {
    private final String name;
    private final int arity;
    private final ClassValue<MethodHandle> handles = new ClassValue<MethodHandle>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return find(type);
        }
    };

    /** The public method {@code name} taking {@code arity} arguments. */
    public PublicMethod(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    /** {@code target.name()}; primitives boxed. */
    public Object call(Object target) throws Throwable {
        return (Object) handles.get(target.getClass()).invokeExact(target);
    }

    /** {@code target.name(a, b)}; {@code null} for void methods. */
    public Object call(Object target, Object a, Object b) throws Throwable {
        return (Object) handles.get(target.getClass()).invokeExact(target, a, b);
    }

    private MethodHandle find(Class<?> type) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (Modifier.isPublic(c.getModifiers())) {
                for (Method m : c.getMethods()) {
                    if (m.getName().equals(name) && m.getParameterCount() == arity
                            && Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                        try {
                            return MethodHandles.publicLookup().unreflect(m)
                                    .asType(MethodType.genericMethodType(arity + 1));
                        } catch (IllegalAccessException e) {
                            // not reachable through this type: try its supertypes
                        }
                    }
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                todo.add(i);
            }
        }
        throw new IllegalStateException("no public " + name + "/" + arity + " on " + type.getName());
    }
}
