package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Keeps every attribute of a class file through retransformation. When a class is retransformed (woven for a rule
 * armed after it loaded, or restored on detach), the JVM hands the transformers bytes it rebuilt from the loaded
 * class, and JDK 17 leaves out {@code MethodParameters} there: a class woven or restored from those bytes loses its
 * parameter names ({@code arg0, arg1}), which breaks Spring MVC's {@code @RequestParam int page}. Registered before
 * the agent's own transformer, this one reads the class file from the class's loader and, when it declares the
 * same class with the same bytecode but carries attributes the JVM's bytes lack, hands the original on instead.
 * Anything else (a class file that differs, bytecode another agent changed, a class without a class file, the
 * bootstrap loader) keeps the JVM's bytes.
 */
final class ClassFileFidelity implements ClassFileTransformer {
    /** Class files larger than this are not read (no class file of a real application comes close). */
    private static final int MAX_CLASS_FILE = 16 * 1024 * 1024;

    private final AtomicLong substituted = new AtomicLong();

    ClassFileFidelity() {
        // parse once now, so the parser's classes are loaded before the first callback needs them
        try (InputStream in = ClassFileFidelity.class.getResourceAsStream("ClassFileFidelity.class")) {
            if (in != null) {
                ClassFileShape.parse(in.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            ChaosLog.warnOnce("class-file-fidelity", "chaos-agent: cannot read its own class file", e);
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined == null || loader == null || className == null || classfileBuffer == null) {
            return null; // a class being loaded gets its class file as it is; only retransformation is lossy
        }
        try {
            byte[] original = read(loader, className + ".class");
            if (original == null || Arrays.equals(original, classfileBuffer)) {
                return null;
            }
            ClassFileShape given = ClassFileShape.parse(classfileBuffer);
            ClassFileShape file = ClassFileShape.parse(original);
            if (!file.sameClassAs(given)) {
                return null;
            }
            Set<String> missing = file.attributesMissingIn(given);
            if (missing.isEmpty()) {
                return null;
            }
            if (substituted.getAndIncrement() == 0) {
                ChaosLog.info("chaos-agent: this JVM hands retransforming agents class files without some attributes"
                        + " (" + className.replace('/', '.') + " lacks " + missing.iterator().next() + ");"
                        + " woven and restored classes are built from their original class files instead");
            }
            return original;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            ChaosLog.warnOnce("class-file-fidelity-" + className, "chaos-agent: could not compare the class file of "
                    + className.replace('/', '.') + " with the JVM's bytes; it is retransformed from the JVM's bytes", t);
            return null;
        }
    }

    /** How many retransformations were given the original class file. */
    long substituted() {
        return substituted.get();
    }

    /** The resource's bytes, {@code null} if it is missing or larger than a class file gets. */
    static byte[] read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readNBytes(MAX_CLASS_FILE + 1);
            return bytes.length > MAX_CLASS_FILE ? null : bytes;
        }
    }
}
