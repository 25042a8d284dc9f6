package dev.chaosmonkey.junit.internal;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Installs the chaos agent into the running test JVM when {@value #JAR_PROPERTY} names its jar and it is not
 * attached yet ({@code -javaagent} on the command line, or installed before). Uses byte-buddy-agent (an optional
 * dependency) to attach, which works without {@code -Djdk.attach.allowAttachSelf}. On JDK 21+ the JVM prints a
 * warning about dynamically loaded agents; {@code -XX:+EnableDynamicAgentLoading} silences it, and
 * {@code -javaagent:chaos-agent.jar} avoids dynamic loading altogether.
 */
public final class AgentInstaller {
    /** System property naming the agent jar to install. */
    public static final String JAR_PROPERTY = "chaos.agent.jar";

    private static String installed;

    private AgentInstaller() {
    }

    /**
     * Installs the agent named by {@value #JAR_PROPERTY}, once per JVM; does nothing when the property is unset.
     *
     * @return whether this call attached the agent
     * @throws IllegalStateException naming the problem (missing jar, byte-buddy-agent absent, attach failed)
     */
    public static synchronized boolean installIfConfigured() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || jar.isBlank()) {
            return false;
        }
        return install(new File(jar.trim()));
    }

    /** Installs {@code agentJar} unless it (or an agent of the same file name) is already attached. */
    public static synchronized boolean install(File agentJar) {
        String path = agentJar.getAbsolutePath();
        if (path.equals(installed) || attachedOnCommandLine(agentJar.getName())) {
            return false;
        }
        if (!agentJar.isFile()) {
            throw new IllegalStateException(JAR_PROPERTY + " names " + path + ", which is not a file");
        }
        Class<?> byteBuddyAgent;
        try {
            byteBuddyAgent = Class.forName("net.bytebuddy.agent.ByteBuddyAgent", true,
                    AgentInstaller.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot install the chaos agent " + path
                    + ": net.bytebuddy:byte-buddy-agent is not on the test class path (add it, or run the tests"
                    + " with -javaagent:" + path + ")", e);
        }
        try {
            Method attach = byteBuddyAgent.getMethod("attach", File.class, String.class);
            attach.invoke(null, agentJar, Long.toString(ProcessHandle.current().pid()));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("attaching the chaos agent " + path + " failed: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("attaching the chaos agent " + path + " failed: " + e, e);
        }
        installed = path;
        return true;
    }

    private static boolean attachedOnCommandLine(String jarName) {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:") && arg.contains(jarName)) {
                return true;
            }
        }
        return false;
    }
}
