package dev.chaosmonkey.agent.internal;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.instrument.UnmodifiableModuleException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * The JVM's {@link Instrumentation}, except that transformers added to it join the {@link WeaveGate}'s chain: the
 * agent's transformers run inside the one transformer the agent registered, in the order they were added. Removing
 * works on the same instance (ByteBuddy's reset needs the instance it was installed with).
 */
final class GatedInstrumentation implements Instrumentation {
    private final Instrumentation jvm;
    private final WeaveGate gate;

    GatedInstrumentation(Instrumentation jvm, WeaveGate gate) {
        this.jvm = jvm;
        this.gate = gate;
    }

    /** The gate whose chain this instrumentation's transformers join. */
    WeaveGate gate() {
        return gate;
    }

    @Override
    public void addTransformer(ClassFileTransformer transformer, boolean canRetransform) {
        gate.add(transformer);
    }

    @Override
    public void addTransformer(ClassFileTransformer transformer) {
        gate.add(transformer);
    }

    @Override
    public boolean removeTransformer(ClassFileTransformer transformer) {
        return gate.remove(transformer);
    }

    @Override
    public boolean isRetransformClassesSupported() {
        return jvm.isRetransformClassesSupported();
    }

    @Override
    public void retransformClasses(Class<?>... classes) throws UnmodifiableClassException {
        jvm.retransformClasses(classes);
    }

    @Override
    public boolean isRedefineClassesSupported() {
        return jvm.isRedefineClassesSupported();
    }

    @Override
    public void redefineClasses(ClassDefinition... definitions) throws ClassNotFoundException,
            UnmodifiableClassException {
        jvm.redefineClasses(definitions);
    }

    @Override
    public boolean isModifiableClass(Class<?> type) {
        return jvm.isModifiableClass(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class[] getAllLoadedClasses() {
        return jvm.getAllLoadedClasses();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class[] getInitiatedClasses(ClassLoader loader) {
        return jvm.getInitiatedClasses(loader);
    }

    @Override
    public long getObjectSize(Object object) {
        return jvm.getObjectSize(object);
    }

    @Override
    public void appendToBootstrapClassLoaderSearch(JarFile jar) {
        jvm.appendToBootstrapClassLoaderSearch(jar);
    }

    @Override
    public void appendToSystemClassLoaderSearch(JarFile jar) {
        jvm.appendToSystemClassLoaderSearch(jar);
    }

    @Override
    public boolean isNativeMethodPrefixSupported() {
        return jvm.isNativeMethodPrefixSupported();
    }

    @Override
    public void setNativeMethodPrefix(ClassFileTransformer transformer, String prefix) {
        jvm.setNativeMethodPrefix(gate, prefix);
    }

    @Override
    public void redefineModule(Module module, Set<Module> extraReads, Map<String, Set<Module>> extraExports,
            Map<String, Set<Module>> extraOpens, Set<Class<?>> extraUses, Map<Class<?>, List<Class<?>>> extraProvides) {
        jvm.redefineModule(module, extraReads, extraExports, extraOpens, extraUses, extraProvides);
    }

    @Override
    public boolean isModifiableModule(Module module) {
        return jvm.isModifiableModule(module);
    }
}
