package dev.chaosmonkey.agent.internal;

import java.util.HashSet;
import java.util.Set;

import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Whether a type has the named super type (class or interface), tolerating super types that cannot be resolved.
 * Other agents add interfaces that no class file describes: the OpenTelemetry agent, listed before ours, adds
 * {@code VirtualFieldAccessor$...} interfaces it defines itself, so ByteBuddy's {@code hasSuperType} threw on
 * every JDBC driver class and chaos silently never fired there. Such a super type is skipped; the rest of the
 * hierarchy still decides.
 */
final class SuperTypeMatcher extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    /** Deeper hierarchies than this are not real ones. */
    private static final int MAX_DEPTH = 64;
    private final String name;

    private SuperTypeMatcher(String name) {
        this.name = name;
    }

    /** Types that are, extend or implement the type {@code name}. */
    static SuperTypeMatcher hasSuperTypeNamed(String name) {
        return new SuperTypeMatcher(name);
    }

    @Override
    public boolean matches(TypeDescription type) {
        return has(type, new HashSet<>(), 0);
    }

    private boolean has(TypeDefinition type, Set<String> seen, int depth) {
        if (type == null || depth > MAX_DEPTH) {
            return false;
        }
        String typeName;
        try {
            typeName = type.asErasure().getName();
        } catch (RuntimeException unresolvable) {
            return false;
        }
        if (typeName.equals(name)) {
            return true;
        }
        if (!seen.add(typeName) || typeName.equals("java.lang.Object")) {
            return false;
        }
        try {
            for (TypeDefinition i : type.getInterfaces()) {
                if (hasSafely(i, seen, depth)) {
                    return true;
                }
            }
        } catch (RuntimeException unresolvable) {
            // the interface list itself could not be read: the super class may still tell
        }
        try {
            return has(type.getSuperClass(), seen, depth + 1);
        } catch (RuntimeException unresolvable) {
            return false;
        }
    }

    private boolean hasSafely(TypeDefinition type, Set<String> seen, int depth) {
        try {
            return has(type, seen, depth + 1);
        } catch (RuntimeException unresolvable) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "hasSuperTypeNamed(" + name + ")";
    }
}
