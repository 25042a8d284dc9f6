package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * First step of every agent start, using only JDK classes:
 * <ol>
 *   <li>finds the class loader that owns chaos-core: the application's, when it already loaded chaos-core (the
 *       agent then shares that state), else the system class loader, which gets the agent's chaos-core jar
 *       appended when it has none (so that application loaders delegating to it share the agent's copy). When
 *       chaos-core is loaded by several class loaders there is no one state to share: the agent refuses, before
 *       changing anything;</li>
 *   <li>runs {@link AgentRuntime} linked against the owner's chaos-core: loaded by the system class loader when that
 *       is the owner, else by a small child-first loader over the owner (for an application class loader such as
 *       Spring Boot's, which loaded chaos-core from a nested jar).</li>
 * </ol>
 * The nested bridge jar ({@code dev.chaosmonkey.agent.bootstrap}, {@code java.base} types only) goes on the bootstrap
 * class path only when weaving starts ({@link #ensureBridge(Instrumentation)}). Never throws: the application must
 * run on even when the agent cannot; a refused start leaves its reason in the system property
 * {@value #REFUSED_PROPERTY}, which the attach CLI reports.
 */
public final class AgentBootstrap {
    /** System property holding the appended bridge jar, so a second attach does not append again. */
    static final String APPENDED_PROPERTY = "dev.chaosmonkey.agent.bootstrap-jar";
    /** System property set once the agent has started in this JVM (its version), for the attach CLI. */
    public static final String STARTED_PROPERTY = "dev.chaosmonkey.agent.started";
    /** System property holding why the last attach was refused, for the attach CLI to print. */
    public static final String REFUSED_PROPERTY = "dev.chaosmonkey.agent.refused";
    private static final String BRIDGE_RESOURCE = "/META-INF/chaos-agent/chaos-bridge.jar";
    private static final String CORE_RESOURCE = "/META-INF/chaos-agent/chaos-core.jar";
    private static final String CORE_CLASS = "dev.chaosmonkey.core.ChaosMonkey";
    /** Where chaos-core keeps its version. */
    public static final String CORE_VERSION_RESOURCE = "dev/chaosmonkey/core/chaos-core.properties";
    /** Version of the chaos-core the agent carries, read from its nested jar without loading any core class. */
    private static volatile String coreVersion = "unknown";
    private static volatile Path bridgeJar;
    /** The bridge's class files once the bridge is in the boot loader. */
    private static volatile Map<String, byte[]> bridgeClasses;
    /** The loader {@link AgentRuntime} runs in, fixed by the first start (later attaches reuse it). */
    private static ClassLoader runtimeLoader;
    private static ClassLoader coreOwner;

    private AgentBootstrap() {
    }

    /** Starts the agent; {@code attached} is true for dynamic attach. */
    public static void start(String options, Instrumentation instrumentation, boolean attached) {
        StartupTrace.mark("agent start (" + (attached ? "attach" : "premain") + ")");
        Method start;
        System.clearProperty(REFUSED_PROPERTY);
        try {
            start = prepare(instrumentation).getMethod("start", String.class, Instrumentation.class, boolean.class);
        } catch (RefusedException e) {
            System.err.println("[chaos-agent] " + e.getMessage());
            // the attach CLI reads the reason from the target's system properties; throwing would print a stack
            // trace into the application's output
            System.setProperty(REFUSED_PROPERTY, e.getMessage());
            return;
        } catch (Throwable t) {
            System.err.println("[chaos-agent] cannot set up the agent's class path; the agent is disabled: " + t);
            return;
        }
        System.setProperty(STARTED_PROPERTY, coreVersion);
        StartupTrace.mark("chaos-core chosen, runtime loaded");
        try {
            start.invoke(null, options, instrumentation, attached);
            StartupTrace.mark("agent start returns");
        } catch (InvocationTargetException e) {
            System.err.println("[chaos-agent] the agent failed to start; the application runs without chaos: "
                    + e.getCause());
            e.getCause().printStackTrace();
        } catch (Throwable t) {
            System.err.println("[chaos-agent] the agent failed to start; the application runs without chaos: " + t);
        }
    }

    /** The chaos-core version in the agent jar. */
    public static String coreVersion() {
        return coreVersion;
    }

    /** The class loader whose chaos-core the agent uses ({@code null} before the first start). */
    public static synchronized ClassLoader coreOwner() {
        return coreOwner;
    }

    /** The bridge jar when it had to be appended to the bootstrap class path, else {@code null}. */
    public static Path bridgeJar() {
        return bridgeJar;
    }

    private static synchronized Class<?> prepare(Instrumentation instrumentation) throws Exception {
        if (runtimeLoader == null) {
            quietByteBuddy();
            ClassLoader system = ClassLoader.getSystemClassLoader();
            ClassLoader owner = loaderOfLoadedCore(instrumentation);
            StartupTrace.mark("core owner looked up");
            readCoreVersion();
            StartupTrace.mark("core version read");
            if (owner == null) {
                owner = system;
                if (system.getResource(CORE_CLASS.replace('.', '/') + ".class") == null) {
                    instrumentation.appendToSystemClassLoaderSearch(new JarFile(extract(CORE_RESOURCE).toFile()));
                }
                StartupTrace.mark("core jar appended");
            }
            coreOwner = owner;
            runtimeLoader = owner == system || owner == AgentBootstrap.class.getClassLoader()
                    ? AgentBootstrap.class.getClassLoader() : new AgentClassLoader(owner);
        }
        return Class.forName(AgentBootstrap.class.getPackageName() + ".AgentRuntime", true, runtimeLoader);
    }

    /**
     * Turns off ByteBuddy's "nexus" (self-initialisation of generated types, which advice never needs): creating
     * it reaches {@code sun.misc.Unsafe} through {@code ClassInjector.UsingUnsafe}, which JDK 24+ reports with a
     * warning on every start and attach. The shaded ByteBuddy reads its properties under the relocated name, so
     * this touches no other ByteBuddy in the JVM; a value the user set is kept.
     */
    private static void quietByteBuddy() {
        String nexus = "dev.chaosmonkey.agent.shaded.bytebuddy.nexus.disabled";
        if (System.getProperty(nexus) == null) {
            System.setProperty(nexus, "true");
        }
    }

    /**
     * The one class loader that already defined chaos-core classes, {@code null} when none did; refuses when
     * several did.
     */
    private static ClassLoader loaderOfLoadedCore(Instrumentation instrumentation) throws RefusedException {
        Set<ClassLoader> loaders = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && c.getName().startsWith("dev.chaosmonkey.core.")) {
                loaders.add(loader);
            }
        }
        if (loaders.size() > 1) {
            List<String> names = new ArrayList<>();
            for (ClassLoader l : loaders) {
                names.add(String.valueOf(l));
            }
            throw new RefusedException("not attached: chaos-core is already loaded by " + loaders.size()
                    + " class loaders " + names + ", so there is no single chaos state the agent could share with"
                    + " the application; nothing was changed. Arm rules through each copy's own ChaosMonkey instead.");
        }
        return loaders.isEmpty() ? null : loaders.iterator().next();
    }

    private static void readCoreVersion() throws IOException {
        // the build copies the nested core's properties next to it; reading the nested jar is the fallback
        try (InputStream direct = AgentBootstrap.class.getResourceAsStream("/META-INF/chaos-agent/"
                + CORE_VERSION_RESOURCE)) {
            if (direct != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(direct);
                coreVersion = p.getProperty("version", "unknown");
                return;
            }
        }
        try (InputStream in = AgentBootstrap.class.getResourceAsStream(CORE_RESOURCE)) {
            if (in == null) {
                return;
            }
            try (java.util.jar.JarInputStream jar = new java.util.jar.JarInputStream(in)) {
                for (java.util.jar.JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    if (e.getName().equals(CORE_VERSION_RESOURCE)) {
                        java.util.Properties p = new java.util.Properties();
                        p.load(jar);
                        coreVersion = p.getProperty("version", "unknown");
                        return;
                    }
                }
            }
        }
    }

    /** Whether the bridge classes are in the boot loader (they can be used). */
    public static boolean bridgeReady() {
        return bridgeClasses != null;
    }

    /** The bridge's class files by binary name (for ByteBuddy, which cannot read them from the boot loader). */
    public static Map<String, byte[]> bridgeClasses() {
        Map<String, byte[]> classes = bridgeClasses;
        return classes == null ? Map.of() : classes;
    }

    /**
     * Puts the bridge classes in the boot loader, once; called just before the first weaving, not in
     * {@code premain}. They are defined there directly ({@link BridgeDefiner}), which keeps class-data sharing on;
     * only if that is impossible on this JVM (or {@code -Dchaos.agent.append-bridge=true}) the bridge jar is
     * appended to the bootstrap search path, after which the JVM uses class-data sharing for boot classes only.
     */
    public static synchronized void ensureBridge(Instrumentation instrumentation) throws IOException {
        if (bridgeClasses == null) {
            Map<String, byte[]> classes;
            try (InputStream in = AgentBootstrap.class.getResourceAsStream(BRIDGE_RESOURCE)) {
                if (in == null) {
                    throw new IOException(BRIDGE_RESOURCE + " is missing from the agent jar (use the packaged"
                            + " chaos-agent jar)");
                }
                classes = BridgeDefiner.read(in);
            }
            if (System.getProperty(APPENDED_PROPERTY) == null && !bridgeInBootLoader()) {
                if (Boolean.getBoolean("chaos.agent.append-bridge")) {
                    appendBridgeJar(instrumentation);
                } else {
                    try {
                        BridgeDefiner.define(instrumentation, classes);
                    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                        System.getLogger("dev.chaosmonkey").log(System.Logger.Level.WARNING, "chaos-agent: cannot"
                                + " define the bridge classes in the boot loader (" + e + "); appending the bridge"
                                + " jar to the bootstrap class path instead: class-data sharing now covers boot"
                                + " classes only");
                        appendBridgeJar(instrumentation);
                    }
                }
            }
            bridgeClasses = classes;
        }
    }

    private static boolean bridgeInBootLoader() {
        try {
            Class.forName("dev.chaosmonkey.agent.bootstrap.ChaosBridge", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void appendBridgeJar(Instrumentation instrumentation) throws IOException {
        Path jar = extract(BRIDGE_RESOURCE);
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        bridgeJar = jar;
        System.setProperty(APPENDED_PROPERTY, jar.toString());
    }

    /** Copies a nested jar of the agent to a private temporary file (see {@link BootstrapJarFile}). */
    private static Path extract(String resource) throws IOException {
        Path jar = BootstrapJarFile.create();
        try (InputStream in = AgentBootstrap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar (use the packaged chaos-agent jar)");
            }
            // written into the private file created above (replacing it would give it the default mode)
            try (java.io.OutputStream out = Files.newOutputStream(jar)) {
                in.transferTo(out);
            }
        }
        return jar;
    }

    /** The agent cannot share one chaos state with the application; nothing was changed. */
    private static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Loads the agent's own classes ({@code dev.chaosmonkey.agent.internal}, this class excepted: its state is the
     * system-loaded one) from the agent jar itself, and everything else from {@code owner}, so that they link
     * against the application's chaos-core. ByteBuddy and the agent API come from the system class loader through
     * the owner's parents.
     */
    private static final class AgentClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ProtectionDomain domain = AgentBootstrap.class.getProtectionDomain();

        AgentClassLoader(ClassLoader owner) {
            super("chaos-agent", owner);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(AgentBootstrap.class.getPackageName() + ".")
                    || name.startsWith(AgentBootstrap.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try (InputStream in = AgentBootstrap.class.getClassLoader()
                            .getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    c = defineClass(name, bytes, 0, bytes.length, domain);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
