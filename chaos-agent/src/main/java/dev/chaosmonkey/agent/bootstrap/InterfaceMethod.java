package dev.chaosmonkey.agent.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A public method of a library interface that bootstrap code cannot name, found by name and arity among the public
 * interfaces (and superclasses' interfaces) of the target's class, cached per class, invoked reflectively with any
 * number of arguments. For the armed path only (callbacks of asynchronous clients); {@link PublicMethod} is the
 * method-handle variant for the attribute getters.
 */
final class InterfaceMethod {
    private final String name;
    private final int arity;
    private final ClassValue<Method> methods = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Method m = search(c);
                if (m != null) {
                    return m;
                }
            }
            throw new IllegalStateException("no public interface method " + name + "/" + arity + " on "
                    + type.getName());
        }
    };

    InterfaceMethod(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    private Method search(Class<?> c) {
        for (Class<?> i : c.getInterfaces()) {
            if (Modifier.isPublic(i.getModifiers())) {
                for (Method m : i.getMethods()) {
                    if (m.getName().equals(name) && m.getParameterCount() == arity) {
                        return m;
                    }
                }
            }
            Method inherited = search(i);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    /** {@code target.name(args)}, exceptions of the method itself rethrown as they are. */
    Object invoke(Object target, Object... args) throws Throwable {
        try {
            return methods.get(target.getClass()).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
