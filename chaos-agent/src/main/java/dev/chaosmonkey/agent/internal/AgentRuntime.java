package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.chaosmonkey.agent.ChaosAgentMXBean;
import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosEventListener;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosSource;
import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The agent's state in this JVM: the installation, the config watcher, the agent MBean. Linked against the
 * chaos-core that {@link AgentBootstrap} chose (the application's when it already had one). Start can run several times (each attach); the instrumentation is installed once until
 * {@link #detach()}.
 */
public final class AgentRuntime {
    private static Installation installation;
    private static Instrumentation instrumentation;
    /** The global chaos state once connected. */
    private static ChaosMonkey monkey;
    private static boolean started;
    /** Set by {@link #detach()}: no weaving until the next attach. */
    private static boolean detached;
    private static ConfigFileWatcher watcher;

    private AgentRuntime() {
    }

    /** Called (reflectively) by {@link AgentBootstrap} once this class is linked to the live chaos-core. */
    public static synchronized void start(String rawOptions, Instrumentation instrumentation, boolean attached) {
        AgentOptions options;
        String rejected = null;
        try {
            options = AgentOptions.parse(rawOptions);
        } catch (IllegalArgumentException e) {
            // fail closed: nothing of a bad option string is applied (the instrumentation still installs)
            rejected = e.getMessage();
            options = AgentOptions.parse(null);
        }
        if (rejected == null && options.connector() != null && !options.cliAttach()) {
            // a CLI command other than attach: open its connector and change nothing else (no install)
            CliConnector.open(options.connector(), false);
            return;
        }
        long start = System.nanoTime();
        VersionCheck.run(instrumentation, AgentBootstrap.coreOwner());
        AgentRuntime.instrumentation = instrumentation;
        // the CLI reports "agent loaded" for a first start and for an attach after a detach
        detached = false;
        boolean firstStart = !started;
        started = true;
        boolean wovenBefore = installation != null;
        if (attached) {
            // an attach is a request to inject now: weave at once
            installNow();
        }
        boolean chaosNeededNow = attached || !options.isEmpty() || rejected != null;
        if (chaosNeededNow) {
            connect();
        }
        ChaosLog.info("chaos-agent " + version() + (attached ? " attached" : " started") + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms" + (installation == null
                        ? "; weaving starts when the first rule is armed" : ""));
        if (firstStart && !chaosNeededNow) {
            // off the start-up path: create the global chaos state, its MBean and the bridge to it
            Thread init = new Thread(() -> {
                try {
                    connect();
                } catch (Throwable t) {
                    ChaosLog.warn("chaos-agent: background initialisation failed", t);
                }
            }, "chaos-agent-init");
            init.setDaemon(true);
            init.start();
        }
        if (!chaosNeededNow) {
            return;
        }
        ChaosMonkey monkey = ChaosMonkey.global();
        // the audit trail names the agent options as the source of what they enable and arm
        ChaosSource.Scope source = ChaosSource.open("agent-options");
        try {
            if (rejected != null) {
                OptionsApplier.rejected(rejected);
            } else if (!options.isEmpty()) {
                OptionsApplier.apply(options, monkey, AgentRuntime::watch);
            }
        } finally {
            source.close();
        }
        if (options.connector() != null) {
            CliConnector.open(options.connector(), !wovenBefore && installation != null);
        }
    }

    /** Starts watching a config file, taking over what a previous watcher applied. */
    private static void watch(java.nio.file.Path file) {
        ConfigFileWatcher next = new ConfigFileWatcher(file, ChaosMonkey.global());
        if (watcher != null) {
            watcher.stop();
            next.takeOver(watcher);
        }
        watcher = next;
        next.start();
    }

    /**
     * Connects to the global chaos state (once): points the bridge at it, registers the agent MBean and, while
     * nothing is woven yet, waits for the first armed point to weave.
     */
    private static synchronized void connect() {
        if (monkey != null) {
            return;
        }
        ChaosMonkey global = ChaosMonkey.global();
        monkey = global;
        registerMBean();
        global.addListener(new FirstRuleTrigger());
        if (installation != null) {
            bind();
        }
        installIfArmed();
    }

    /**
     * Weaves once a rule is active on some point. Until then nothing of ByteBuddy is loaded and no class is
     * matched: the start-up of an application with the agent and nothing armed stays close to one without it.
     * Classes already loaded are retransformed when the first rule arrives (on the thread that armed it).
     */
    static synchronized void installIfArmed() {
        if (installation == null && !detached && monkey != null && monkey.armedPointsMask() != 0) {
            long begin = System.nanoTime();
            installNow();
            ChaosLog.info("chaos-agent: wove for the first armed rule in " + (System.nanoTime() - begin) / 1_000_000
                    + " ms");
        }
    }

    private static synchronized void installNow() {
        if (installation != null) {
            return;
        }
        try {
            AgentBootstrap.ensureBridge(instrumentation);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot put the bridge jar on the bootstrap class path: " + e, e);
        }
        installation = Installation.install(instrumentation);
        if (monkey != null) {
            bind();
        }
    }

    /** Points the bridge at the global chaos state and lets the method rules follow it. */
    private static void bind() {
        CoreChaosState.install(monkey);
        installation.follow(monkey);
    }

    /** Installs the instrumentation on the first event after which a point is armed. */
    private static final class FirstRuleTrigger implements ChaosEventListener {
        @Override
        public void onEvent(ChaosEvent event) {
            if (installation == null && event.type() != ChaosEvent.Type.INJECTED) {
                try {
                    installIfArmed();
                } catch (Throwable t) {
                    ChaosLog.warnOnce("lazy-install", "chaos-agent: could not weave for the first rule; the"
                            + " application runs without chaos", t);
                }
            }
        }
    }

    private static void registerMBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
            if (!server.isRegistered(name)) {
                server.registerMBean(new AgentControl(), name);
            }
            // experiments inside this JVM over JMX (the engine is shaded into the agent jar)
            dev.chaosmonkey.experiment.ExperimentRunnerJmx.register();
        } catch (Exception | LinkageError e) {
            ChaosLog.warn("chaos-agent: could not register " + ChaosAgentMXBean.OBJECT_NAME, e);
        }
    }

    /** Disarms all rules and restores the original bytecode of woven classes; returns how many were woven. */
    static synchronized int detach() {
        detached = true;
        if (monkey != null) {
            monkey.disarmAll();
        }
        if (installation == null) {
            return 0;
        }
        if (watcher != null) {
            watcher.stop();
            watcher = null;
        }
        int restored = installation.uninstall();
        installation = null;
        ChaosLog.info("chaos-agent detached: " + restored + " woven class(es) restored");
        return restored;
    }

    static synchronized boolean isInstalled() {
        return installation != null;
    }

    static synchronized long transformedClasses() {
        return installation == null ? 0 : installation.transformedClasses();
    }

    static synchronized int methodRuleTargets() {
        return installation == null ? 0 : installation.methodRuleTargets();
    }

    static synchronized long weaveFailures() {
        return installation == null ? 0 : installation.weaveFailures();
    }

    static synchronized List<String> weaveFailureReasons() {
        return installation == null ? List.of() : installation.weaveFailureReasons();
    }

    static synchronized List<String> activeInstrumentations() {
        return installation == null ? List.of() : installation.activeInstrumentations();
    }

    /** The agent jar's version. */
    public static String version() {
        // AgentBootstrap is always defined by the system class loader from the agent jar, with its manifest
        String v = AgentBootstrap.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
