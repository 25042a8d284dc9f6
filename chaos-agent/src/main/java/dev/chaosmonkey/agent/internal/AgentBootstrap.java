package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * First step of every agent start: puts the nested bootstrap jar (chaos-core plus the advice bridge classes) on the
 * bootstrap class path, before anything references chaos-core, then hands over to {@link AgentRuntime}. Uses only
 * JDK classes. Never throws: the application must start even when the agent cannot.
 */
public final class AgentBootstrap {
    /** System property holding the appended jar, so a second attach does not append again. */
    static final String APPENDED_PROPERTY = "dev.chaosmonkey.agent.bootstrap-jar";
    private static final String RESOURCE = "/META-INF/chaos-agent/chaos-bootstrap.jar";
    static final String CORE_VERSION_RESOURCE = "dev/chaosmonkey/core/chaos-core.properties";
    /**
     * Version of the chaos-core the agent carries, read from the nested jar before that jar is appended to the
     * bootstrap search (resources of jars appended at run time are invisible to resource lookups), so it is known
     * without loading any core class.
     */
    private static volatile String coreVersion = "unknown";

    private AgentBootstrap() {
    }

    /** Starts the agent; {@code attached} is true for dynamic attach. */
    public static void start(String options, Instrumentation instrumentation, boolean attached) {
        try {
            appendBootstrapJar(instrumentation);
        } catch (Throwable t) {
            System.err.println("[chaos-agent] cannot put chaos-core on the bootstrap class path; the agent is"
                    + " disabled: " + t);
            return;
        }
        try {
            AgentRuntime.start(options, instrumentation, attached);
        } catch (Throwable t) {
            System.err.println("[chaos-agent] the agent failed to start; the application runs without chaos: " + t);
            t.printStackTrace();
        }
    }

    /** The chaos-core version in the agent jar. */
    static String coreVersion() {
        return coreVersion;
    }

    private static synchronized void appendBootstrapJar(Instrumentation instrumentation) throws IOException {
        if (System.getProperty(APPENDED_PROPERTY) != null) {
            return;
        }
        Path jar = BootstrapJarFile.create();
        try (InputStream in = AgentBootstrap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar (use the packaged chaos-agent jar)");
            }
            // written into the private file created above (replacing it would give it the default mode)
            try (java.io.OutputStream out = Files.newOutputStream(jar)) {
                in.transferTo(out);
            }
        }
        JarFile bootstrapJar = new JarFile(jar.toFile());
        java.util.zip.ZipEntry versionEntry = bootstrapJar.getEntry(CORE_VERSION_RESOURCE);
        if (versionEntry != null) {
            try (InputStream in = bootstrapJar.getInputStream(versionEntry)) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                coreVersion = p.getProperty("version", "unknown");
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(bootstrapJar);
        System.setProperty(APPENDED_PROPERTY, jar.toString());
    }
}
