package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Defines the bridge classes ({@code dev.chaosmonkey.agent.bootstrap}) in the bootstrap class loader without
 * appending a jar to its search path. Appending ({@code Instrumentation.appendToBootstrapClassLoaderSearch}) makes
 * the JVM drop class-data sharing for every class not loaded by the boot loader ("Sharing is only supported for boot
 * loader classes because bootstrap classpath has been appended"), which also defeats the CDS and AOT-cache archives
 * of the application. Instead the agent lets its own module see {@code jdk.internal.misc} through
 * {@link Instrumentation#redefineModule} (the instrumentation API's own way to widen module access, which prints
 * nothing) and defines each class with {@code jdk.internal.misc.Unsafe.defineClass(name, bytes, 0, length, null,
 * null)}: a {@code null} loader is the boot loader, and later lookups of those names by any loader find the defined
 * classes. This is {@code jdk.internal.misc.Unsafe}, not {@code sun.misc.Unsafe}: JDK 24+'s memory-access warnings
 * are about the latter. Supertypes must exist before a class is defined; the classes are defined in passes until
 * none is left.
 */
final class BridgeDefiner {
    private BridgeDefiner() {
    }

    /** The class files of a bridge jar, by binary name ({@code a.b.C$D}), in jar order. */
    static Map<String, byte[]> read(InputStream jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(jar)) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                String name = e.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }

    /**
     * Defines {@code classes} in the boot loader.
     *
     * @throws ReflectiveOperationException when this JVM offers no way to (the caller then appends the jar)
     */
    static void define(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module base = Object.class.getModule();
        instrumentation.redefineModule(base, Set.of(), Map.of("jdk.internal.misc",
                Set.of(BridgeDefiner.class.getModule())), Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, java.security.ProtectionDomain.class);
        List<String> left = new ArrayList<>(classes.keySet());
        for (int pass = 0; !left.isEmpty() && pass <= classes.size(); pass++) {
            List<String> next = new ArrayList<>();
            for (String name : left) {
                byte[] bytes = classes.get(name);
                try {
                    defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw new ReflectiveOperationException("cannot define " + name + " in the boot loader",
                                e.getCause());
                    }
                    // a supertype is not defined yet: next pass
                    next.add(name);
                }
            }
            if (next.size() == left.size()) {
                throw new ReflectiveOperationException("cannot define " + next + " in the boot loader: a supertype"
                        + " is missing");
            }
            left = next;
        }
    }
}
