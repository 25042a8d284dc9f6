package dev.chaosmonkey.agent.internal;

import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.Properties;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Warns when the application carries a chaos-core version other than the agent's. The agent links against the
 * application's copy when the application has one (so both share one state), else it appends its own copy to the
 * system class loader, which application loaders delegate to; a class loader that defines another copy anyway
 * (child-first) gets a separate, unwoven chaos state.
 */
final class VersionCheck {
    private static volatile boolean watching;

    private VersionCheck() {
    }

    /** Checks now and watches for other copies; {@code owner} is the loader whose chaos-core the agent uses. */
    static void run(Instrumentation instrumentation, ClassLoader owner) {
        String mine = AgentBootstrap.coreVersion();
        try {
            Enumeration<URL> found = (owner != null ? owner : ClassLoader.getSystemClassLoader())
                    .getResources(AgentBootstrap.CORE_VERSION_RESOURCE);
            while (found.hasMoreElements()) {
                URL url = found.nextElement();
                String theirs = versionAt(url);
                if (theirs != null && !theirs.equals(mine)) {
                    ChaosLog.warn("chaos-agent: VERSION MISMATCH: the agent carries chaos-core " + mine
                            + " but the application has chaos-core " + theirs + " (" + url + "); the application's"
                            + " copy is used by everyone. Use the same version for both.");
                }
            }
        } catch (Exception e) {
            ChaosLog.warnOnce("version-check", "chaos-agent: could not check the application's chaos-core version", e);
        }
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().equals("dev.chaosmonkey.core.ChaosMonkey") && c.getClassLoader() != null
                    && c.getClassLoader() != owner) {
                warnSeparateCopy(c.getClassLoader());
            }
        }
        if (!watching) {
            watching = true;
            instrumentation.addTransformer(new SeparateCopyWatcher(owner));
        }
    }

    private static String versionAt(URL url) throws java.io.IOException {
        try (InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null || v.contains("${") ? null : v;
        }
    }

    private static void warnSeparateCopy(ClassLoader loader) {
        ChaosLog.warnOnce("separate-core-" + System.identityHashCode(loader), "chaos-agent: class loader " + loader
                + " defined its own chaos-core classes; code using that copy sees a ChaosMonkey.global() separate from"
                + " the one the agent weaves into calls. Arm rules through JMX (dev.chaosmonkey:type=ChaosMonkey) or"
                + " the agent CLI.", null);
    }

    /** Looks at class names only; never transforms. */
    private static final class SeparateCopyWatcher implements ClassFileTransformer {
        private final ClassLoader owner;

        SeparateCopyWatcher(ClassLoader owner) {
            this.owner = owner;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) {
            if (loader != null && loader != owner && className != null
                    && className.equals("dev/chaosmonkey/core/ChaosMonkey")) {
                warnSeparateCopy(loader);
            }
            return null;
        }
    }
}
