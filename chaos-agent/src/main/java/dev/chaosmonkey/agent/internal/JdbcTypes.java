package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import net.bytebuddy.jar.asm.ClassReader;

/**
 * Which of the JDBC types ({@code java.sql.Statement}, {@code Connection}, {@code Driver}, {@code
 * javax.sql.DataSource}) a class has among its super types, from class files: the class being loaded hands its
 * own, its super types' are read from its class loader as resources (class files are never encapsulated), without
 * loading them. A super type that no class file describes (an interface another agent defines at run time, as the
 * OpenTelemetry agent does) is skipped and the rest of the hierarchy decides. Results per loader and type name are
 * cached, as long as the loader lives.
 */
final class JdbcTypes {
    // one bit per type, in the order of WeaveCandidates.JDBC_FRAGMENTS
    static final int STATEMENT = 1;
    static final int CONNECTION = 2;
    static final int DRIVER = 4;
    static final int DATA_SOURCE = 8;
    /** Deeper hierarchies than this are not real ones. */
    private static final int MAX_DEPTH = 64;
    /** Cached kinds by loader; the boot loader's under {@link #BOOT}. */
    private final Map<Object, Map<String, Integer>> cache = new WeakHashMap<>();
    private static final Object BOOT = new Object();

    /** The kinds of the JDK type of this internal name; -1 for a type that is not one of the JDK's. */
    static int jdkKinds(String internalName) {
        switch (internalName) {
            case "java/sql/Statement":
            case "java/sql/PreparedStatement":
            case "java/sql/CallableStatement":
                return STATEMENT;
            case "java/sql/Connection":
                return CONNECTION;
            case "java/sql/Driver":
                return DRIVER;
            case "javax/sql/DataSource":
                return DATA_SOURCE;
            default:
                // no other JDK type extends these; the walk stops at the JDK
                return internalName.startsWith("java/") || internalName.startsWith("javax/")
                        || internalName.startsWith("jdk/") || internalName.startsWith("sun/") ? 0 : -1;
        }
    }

    /** The kinds among the super types of the class {@code reader} reads, as {@code loader} would resolve them. */
    int kinds(ClassReader reader, ClassLoader loader) {
        Walk walk = new Walk(loader);
        walk.inProgress.add(reader.getClassName());
        return supers(reader, walk, 1);
    }

    /** The kinds among the super class and interfaces of the class {@code reader} reads, at {@code depth}. */
    private int supers(ClassReader reader, Walk walk, int depth) {
        int kinds = 0;
        if (reader.getSuperName() != null) {
            kinds |= of(reader.getSuperName(), walk, depth);
        }
        for (String i : reader.getInterfaces()) {
            kinds |= of(i, walk, depth);
        }
        return kinds;
    }

    /**
     * One walk up a hierarchy: the types being looked at (a type met again while it is, a cycle no valid class
     * files make, counts 0 and nothing of that walk is cached), and whether one was cut short so.
     */
    private static final class Walk {
        final ClassLoader loader;
        final Set<String> inProgress = new HashSet<>();
        boolean cut;

        Walk(ClassLoader loader) {
            this.loader = loader;
        }
    }

    private int of(String internalName, Walk walk, int depth) {
        int jdk = jdkKinds(internalName);
        if (jdk >= 0) {
            return jdk;
        }
        // complete results only: a type reached twice (an interface of two super types) gets its own answer
        Integer cached = cached(walk.loader, internalName);
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH || !walk.inProgress.add(internalName)) {
            walk.cut = true;
            return 0;
        }
        int kinds = 0;
        byte[] file = read(walk.loader, internalName);
        if (file != null) {
            try {
                kinds = supers(new ClassReader(file), walk, depth + 1);
            } catch (RuntimeException unreadable) {
                // not a class file this ASM reads: the rest of the hierarchy decides
            }
        }
        walk.inProgress.remove(internalName);
        if (!walk.cut) {
            synchronized (cache) {
                cache.computeIfAbsent(walk.loader == null ? BOOT : walk.loader, l -> new java.util.HashMap<>())
                        .put(internalName, kinds);
            }
        }
        return kinds;
    }

    private Integer cached(ClassLoader loader, String internalName) {
        synchronized (cache) {
            Map<String, Integer> byName = cache.get(loader == null ? BOOT : loader);
            return byName == null ? null : byName.get(internalName);
        }
    }

    private static byte[] read(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try {
            return loader == null ? ClassFileFidelity.read(ClassLoader.getSystemClassLoader(), resource)
                    : ClassFileFidelity.read(loader, resource);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The kinds among the super types of a loaded class (by name: {@code java.sql} may not be visible here). */
    static int loadedKinds(Class<?> type) {
        return loadedKinds(type, new HashSet<>(), 0);
    }

    private static int loadedKinds(Class<?> type, Set<Class<?>> seen, int depth) {
        if (type == null || depth > MAX_DEPTH || !seen.add(type)) {
            return 0;
        }
        int jdk = jdkKinds(type.getName().replace('.', '/'));
        if (jdk >= 0 && depth > 0) {
            return jdk;
        }
        int kinds = loadedKinds(type.getSuperclass(), seen, depth + 1);
        for (Class<?> i : type.getInterfaces()) {
            kinds |= loadedKinds(i, seen, depth + 1);
        }
        return kinds;
    }
}
