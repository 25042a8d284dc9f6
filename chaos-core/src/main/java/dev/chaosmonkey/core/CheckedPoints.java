package dev.chaosmonkey.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checked exception types application code declared for custom points through
 * {@link ChaosMonkey#check(String, Class)}, so that arming can refuse a rule whose checked exception no caller of
 * that point could ever throw. Names are kept, not classes, so that no application class loader is held.
 *
 * <p>The per-call cost is one map lookup and a scan of one short array, without allocation once a point's type is
 * known.
 */
final class CheckedPoints {
    private static final String[] NONE = new String[0];
    private final ConcurrentHashMap<String, String[]> declared = new ConcurrentHashMap<>();

    /** Records that {@code name} is checked by code that handles {@code type}. */
    void declare(String name, Class<?> type) {
        if (name == null) {
            return;
        }
        String typeName = type.getName();
        String[] known = declared.get(name);
        if (known != null && contains(known, typeName)) {
            return;
        }
        declared.compute(name, (k, old) -> {
            String[] base = old == null ? NONE : old;
            if (contains(base, typeName)) {
                return base;
            }
            String[] grown = Arrays.copyOf(base, base.length + 1);
            grown[base.length] = typeName;
            return grown;
        });
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a rule throwing {@code thrown} at point {@code name} could never fit, or {@code null} when it can (an
     * unchecked type, no declared types yet, or a declared type that is a supertype of it).
     */
    String misfit(String name, Class<? extends Throwable> thrown) {
        if (thrown == null || RuntimeException.class.isAssignableFrom(thrown) || Error.class.isAssignableFrom(thrown)) {
            return null;
        }
        String[] known = declared.get(name);
        if (known == null) {
            return null;
        }
        for (Class<?> c = thrown; c != null; c = c.getSuperclass()) {
            if (contains(known, c.getName())) {
                return null;
            }
        }
        return "custom point '" + name + "' is checked with check(name, " + String.join(" or ", known)
                + ".class): " + thrown.getName() + " is a checked exception none of those callers can throw";
    }
}
