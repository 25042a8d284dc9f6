package dev.chaosmonkey.agent.bootstrap;

/** Methods woven for {@code method class=... method=...} rules. */
public final class MethodCalls {
    /** {@link FiredFault#returnValue(Class)} when the value does not fit the method: the method runs. */
    public static final Object PROCEED = new Object();
    private static final java.util.Set<String> MISMATCH_LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private MethodCalls() {
    }

    /** The value a {@code return(...)} fault makes a method return (skipping its body). */
    public static final class Returned {
        final Object value;

        Returned(Object value) {
            this.value = value;
        }
    }

    /**
     * Enter advice of a method returning a value: {@code null} to run the method (also while disarmed: one
     * volatile read), or the {@link Returned} value it returns instead (return faults). Other faults are performed.
     */
    public static Returned enterReturning(String type, String method, Class<?> origin, String returnType) {
        if (!ChaosBridge.isArmed(ChaosBridge.METHOD)) {
            return null;
        }
        FiredFault fault = decide(type, method);
        if (fault == null) {
            return null;
        }
        if (fault.kind() != FiredFault.RETURN) {
            fault.perform(origin.getClassLoader());
            return null;
        }
        Object value;
        try {
            value = fault.returnValue(typeNamed(returnType, origin.getClassLoader()));
        } catch (Throwable t) {
            ChaosBridge.internalError("method-return", t);
            return null;
        }
        if (value == PROCEED) {
            if (MISMATCH_LOGGED.add(fault.ruleId() + " " + type + "." + method)) {
                try {
                    System.getLogger("dev.chaosmonkey").log(System.Logger.Level.WARNING, "chaos-agent: the value of"
                            + " rule " + fault.ruleId() + " does not fit " + type + "." + method + " (returns "
                            + returnType + "); the method runs normally (logged once)");
                } catch (RuntimeException | LinkageError e) {
                    // logging must never break the host application
                }
            }
            return null;
        }
        return new Returned(value);
    }

    /** Enter advice of a {@code void} method: {@code true} to skip it (a return fault fired). */
    public static boolean enterVoid(String type, String method, Class<?> origin) {
        if (!ChaosBridge.isArmed(ChaosBridge.METHOD)) {
            return false;
        }
        FiredFault fault = decide(type, method);
        if (fault == null) {
            return false;
        }
        if (fault.kind() == FiredFault.RETURN) {
            return true;
        }
        fault.perform(origin.getClassLoader());
        return false;
    }

    /** The value of a {@link Returned} (exit advice). */
    public static Object valueOf(Returned returned) {
        return returned.value;
    }

    private static FiredFault decide(String type, String method) {
        try {
            return ChaosBridge.state().decideMethod(type, method);
        } catch (Throwable t) {
            ChaosBridge.internalError("method", t);
            return null;
        }
    }

    private static Class<?> typeNamed(String name, ClassLoader loader) throws ClassNotFoundException {
        switch (name) {
            case "boolean":
                return boolean.class;
            case "byte":
                return byte.class;
            case "short":
                return short.class;
            case "char":
                return char.class;
            case "int":
                return int.class;
            case "long":
                return long.class;
            case "float":
                return float.class;
            case "double":
                return double.class;
            default:
                if (name.endsWith("[]")) {
                    return java.lang.reflect.Array.newInstance(typeNamed(name.substring(0, name.length() - 2),
                            loader), 0).getClass();
                }
                return Class.forName(name, false, loader);
        }
    }

    /** Performs what a rule armed on {@code type.method} says, or returns at once (one volatile read). */
    public static void enter(String type, String method, Class<?> origin) {
        if (!ChaosBridge.isArmed(ChaosBridge.METHOD)) {
            return;
        }
        FiredFault fault;
        try {
            fault = ChaosBridge.state().decideMethod(type, method);
        } catch (Throwable t) {
            ChaosBridge.internalError("method", t);
            return;
        }
        if (fault != null) {
            fault.perform(origin.getClassLoader());
        }
    }
}
