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
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.GlobalMBeanDeferral;

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
    /** The agent's class-file transformer, registered at the first weaving. */
    private static WeaveGate gate;
    /** The thread weaving in the background for rules armed in premain, until it is done. */
    private static Thread weaving;
    /** The points whose rules start ByteBuddy when their first class loads (see {@link #installInBackground()}). */
    private static int byteBuddyOnDemand;
    /** Whether premain waits for the background weaving (see {@link #installInBackground()}). */
    private static boolean premainWaits;
    /** Whether {@code premain} is running: rules armed then are woven in the background. */
    private static boolean inPremain;
    /** Guards {@link #registerMBeans()}, apart from the class lock that start-up and weaving hold. */
    private static final Object JMX_LOCK = new Object();

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
            if (started) {
                // the MBeans may still be on their way from the background initialisation: the CLI needs them
                connect();
                registerMBeans();
            }
            CliConnector.open(options.connector(), false);
            return;
        }
        long start = System.nanoTime();
        StartupTrace.mark("options parsed");
        AgentRuntime.instrumentation = instrumentation;
        // the CLI reports "agent loaded" for a first start and for an attach after a detach
        detached = false;
        boolean firstStart = !started;
        started = true;
        boolean wovenBefore = installation != null;
        boolean chaosNeededNow = attached || !options.isEmpty() || rejected != null;
        inPremain = !attached;
        if (attached) {
            releaseLogs();
        } else if (firstStart) {
            holdLogs();
        }
        try {
            startWith(options, rejected, instrumentation, attached, firstStart, wovenBefore, chaosNeededNow, start);
        } finally {
            inPremain = false;
        }
    }

    private static void startWith(AgentOptions options, String rejected, Instrumentation instrumentation,
            boolean attached, boolean firstStart, boolean wovenBefore, boolean chaosNeededNow, long start) {
        if (!chaosNeededNow) {
            if (firstStart) {
                // nothing to enforce or arm before main(), but the global chaos state and the listener that weaves
                // for the first rule must be in place before main() runs: an application that arms a rule at once
                // (chaos-spring's properties, a test) must get its weaving on the arming thread, before arm returns
                // (on a daemon thread, the connection lost that race and the first calls ran unwoven)
                deferCoreMBean();
                connect();
                // everything else happens off the start-up path
                startDaemon("chaos-agent-init", () -> {
                    backgroundDelay();
                    VersionCheck.run(instrumentation, AgentBootstrap.coreOwner());
                    StartupTrace.mark("background initialisation done");
                    ChaosLog.info("chaos-agent " + version() + " started; weaving starts when the first rule is"
                            + " armed");
                    registerWhenReachable(start);
                });
            }
            return;
        }
        VersionCheck.run(instrumentation, AgentBootstrap.coreOwner());
        StartupTrace.mark("version checked");
        if (attached) {
            // an attach is a request to inject now: weave at once, ByteBuddy's instrumentations included
            installNow(true);
        } else {
            deferCoreMBean();
        }
        // the production guard, enabled= and the rules of the options are in place before main() runs
        connect();
        ChaosLog.info("chaos-agent " + version() + (attached ? " attached" : " started") + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms" + (installation == null
                        ? "; weaving starts when the first rule is armed" : ""));
        StartupTrace.mark("start line logged");
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
        StartupTrace.mark("options applied");
        if (premainWaits) {
            premainWaits = false;
            awaitBackgroundWeaving();
            StartupTrace.mark("weaving done (a class to weave was loaded before the agent)");
        }
        if (attached) {
            // the CLI talks JMX right after the attach returns
            registerMBeans();
        } else {
            startDaemon("chaos-agent-jmx", () -> registerWhenReachable(start));
        }
        if (options.connector() != null) {
            CliConnector.open(options.connector(), !wovenBefore && installation != null);
        }
    }

    /**
     * Asks the global chaos state, when premain creates it, to leave its MBean to {@link #registerMBeans()} on a
     * daemon thread: creating the platform MBean server costs 50-100 ms, which premain would add to the start of
     * every application started with agent options. An application whose own chaos-core predates this has no
     * such hook and registers at once.
     */
    private static void deferCoreMBean() {
        try {
            GlobalMBeanDeferral.request();
        } catch (LinkageError olderCore) {
            // the application's chaos-core registers its MBean itself, on this thread
        }
    }

    /**
     * In premain, the agent's INFO lines (started, enabled, rules armed) wait until its MBeans are registered on the
     * background thread or {@value JmxDelay#LOG_MILLIS} ms after start, whichever comes first, or until the JVM
     * exits: the first line would otherwise initialise the JDK's logging on the start-up path (about 50 ms of
     * {@code java.util.logging}), and later they go through the logging the application configured meanwhile.
     * Warnings and errors are logged at once, after what was held. An application's chaos-core that predates this
     * logs at once.
     */
    private static void holdLogs() {
        try {
            ChaosLog.hold();
        } catch (LinkageError olderCore) {
            return;
        }
        Thread flush = new Thread(AgentRuntime::releaseLogs, "chaos-agent-log-flush");
        flush.setDaemon(true);
        try {
            Runtime.getRuntime().addShutdownHook(flush);
        } catch (IllegalStateException | SecurityException e) {
            releaseLogs();
        }
    }

    /**
     * After a premain start, on a daemon thread: registers the MBeans once the platform MBean server exists, at the
     * latest {@link JmxDelay#deadline(long) the JMX delay} after {@code start}, and releases the held log lines at
     * the latest {@value JmxDelay#LOG_MILLIS} ms after it.
     */
    private static void registerWhenReachable(long start) {
        long deadline = JmxDelay.deadline(start);
        long logDeadline = start + JmxDelay.LOG_MILLIS * 1_000_000;
        if (!JmxDelay.awaitPlatformServer(start, deadline - logDeadline < 0 ? deadline : logDeadline)) {
            releaseLogs();
            JmxDelay.awaitPlatformServer(start, deadline);
        }
        registerMBeans();
        releaseLogs();
    }

    private static void releaseLogs() {
        try {
            ChaosLog.release();
        } catch (LinkageError olderCore) {
            // nothing was held
        }
    }

    /**
     * {@code -Dchaos.agent.background-delay-ms}: holds the background initialisation back, as a loaded machine does;
     * tests use it to show that nothing an application needs at once depends on that thread. Off by default.
     */
    private static void backgroundDelay() {
        long millis = Math.min(60_000, Math.max(0, Long.getLong("chaos.agent.background-delay-ms", 0)));
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void startDaemon(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                ChaosLog.warn("chaos-agent: background initialisation (" + name + ") failed", t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
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
     * Connects to the global chaos state (once): points the bridge at it and, while nothing is woven yet, waits for
     * the first armed point to weave. The MBeans are {@link #registerMBeans()}'s.
     */
    private static synchronized void connect() {
        if (monkey != null) {
            return;
        }
        StartupTrace.mark("connect");
        ChaosMonkey global = ChaosMonkey.global();
        StartupTrace.mark("global chaos state created");
        monkey = global;
        global.addListener(new FirstRuleTrigger());
        if (installation != null) {
            bind();
        }
        installIfArmed();
        StartupTrace.mark("connected");
    }

    /**
     * Registers the MBeans of the agent and, if premain deferred it, of the global chaos state; idempotent, and
     * callers wait for a registration in progress (an attach right after start needs them). Runs on a daemon thread
     * after premain, so JMX clients see the MBeans a moment after the application started (the time it takes to
     * create the platform MBean server, typically well under a second), never on the start-up path.
     */
    static void registerMBeans() {
        synchronized (JMX_LOCK) {
            try {
                if (GlobalMBeanDeferral.takeSkipped()) {
                    try {
                        ChaosMonkey.global().registerMBean(ChaosMonkey.OBJECT_NAME);
                    } catch (RuntimeException | LinkageError e) {
                        ChaosLog.warn("could not register the chaos MBean " + ChaosMonkey.OBJECT_NAME + ": " + e);
                    }
                }
            } catch (LinkageError olderCore) {
                // an application's chaos-core without the deferral registered its MBean itself
            }
            registerMBean();
            StartupTrace.mark("MBeans registered");
        }
    }

    /**
     * Weaves once a rule is active on some point. Until then no class is matched: the start-up of an application
     * with the agent and nothing armed stays close to one without it. The JDBC weaver comes first (it is small);
     * ByteBuddy is loaded once a rule needs one of its instrumentations ({@link #byteBuddyNeeded}). Classes already
     * loaded are retransformed when the first rule arrives (on the thread that armed it).
     */
    static synchronized void installIfArmed() {
        if (weaving != null && Thread.currentThread() != weaving) {
            if (inPremain) {
                // the rules of the agent options: the background weaving started for them looks at them all
                return;
            }
            // a rule armed while the rules of the agent options are still being woven in the background: the
            // arming thread waits for that weaving, so that arm returns with the rule acting, as it does once the
            // weaving is in
            awaitBackgroundWeaving();
        }
        if (detached || monkey == null || weaving != null || monkey.armedPointsMask() == 0) {
            return;
        }
        if (installation == null) {
            if (inPremain) {
                installInBackground();
                return;
            }
            long begin = System.nanoTime();
            installNow(false);
            ChaosLog.info("chaos-agent: wove for the first armed rule in " + (System.nanoTime() - begin) / 1_000_000
                    + " ms");
        } else if (!installation.hasByteBuddy() && byteBuddyNeeded(monkey, byteBuddyOnDemand)) {
            long begin = System.nanoTime();
            installByteBuddy(installation, false);
            ChaosLog.info("chaos-agent: wove for a rule on " + pointsNamed(monkey.armedPointsMask()
                    & ~InjectionPoint.JDBC.bit()) + " in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
        }
    }

    /**
     * Whether the rules armed in {@code chaos} need ByteBuddy's instrumentations now: a point other than JDBC (and
     * the points in {@code onDemandMask}, whose classes start ByteBuddy as they load), or a scoped rule (scopes
     * travel through the JDK's executors, woven by ByteBuddy).
     */
    private static boolean byteBuddyNeeded(ChaosMonkey chaos, int onDemandMask) {
        if ((chaos.armedPointsMask() & ~InjectionPoint.JDBC.bit() & ~onDemandMask) != 0) {
            return true;
        }
        try {
            return chaos.hasScopedRules();
        } catch (LinkageError olderCore) {
            // an application's chaos-core without scopes' query: weave everything, as before
            return true;
        }
    }

    private static String pointsNamed(int mask) {
        StringBuilder names = new StringBuilder();
        for (InjectionPoint p : InjectionPoint.values()) {
            if ((mask & p.bit()) != 0) {
                names.append(names.length() == 0 ? "" : ", ").append(p.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names.length() == 0 ? "a scope" : names.toString();
    }

    /**
     * Weaves now, on this thread (an attach, a rule armed in a running application): the JDBC weaver, and
     * ByteBuddy's instrumentations if {@code byteBuddy} or the rules armed need them.
     */
    private static synchronized void installNow(boolean byteBuddy) {
        awaitBackgroundWeaving();
        if (installation != null) {
            return;
        }
        prepareWeaving();
        Installation done = Installation.install(gate.instrumentation(), true);
        installation = done;
        if (byteBuddy || monkey != null && byteBuddyNeeded(monkey, 0)) {
            installByteBuddy(done, false);
        }
        StartupTrace.mark("installed");
        if (monkey != null) {
            bind();
        }
    }

    /** Installs ByteBuddy's part of {@code target} on this thread, seeded with the rules armed now. */
    private static void installByteBuddy(Installation target, boolean prebuild) {
        ChaosMonkey chaos = monkey;
        target.installByteBuddy(chaos == null ? MethodTargets.NONE : MethodTargets.armedIn(chaos),
                chaos == null ? 0 : chaos.armedPointsMask(), prebuild);
        byteBuddyOnDemand = 0;
        if (chaos != null) {
            target.follow(chaos);
        }
    }

    /** Registers the gate (once), puts the bridge in the boot loader and points it at the chaos state. */
    private static void prepareWeaving() {
        if (gate == null) {
            gate = WeaveGate.register(instrumentation);
        }
        prepareBridge(instrumentation, monkey);
    }

    /**
     * Puts the bridge in the boot loader and points it at {@code chaos}; takes no lock of this class, so that the
     * background weaver never waits for premain (which may load a class that waits for the weaver).
     */
    private static void prepareBridge(Instrumentation jvm, ChaosMonkey chaos) {
        try {
            AgentBootstrap.ensureBridge(jvm);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot put the bridge jar on the bootstrap class path: " + e, e);
        }
        StartupTrace.mark("bridge in the boot loader");
        if (chaos != null) {
            // before any class is woven: woven code must find the live state from its first call
            CoreChaosState.install(chaos);
        }
    }

    /**
     * Rules armed by the agent options in premain: the weavers get ready on a daemon thread while the application
     * starts. Until a weaver's transformer is in, a class that it may weave waits for it as it loads
     * ({@link WeaveGate}), so those rules act from the first call; other classes load at once. The JDBC weaver
     * comes first. ByteBuddy's instrumentations follow at once for rules on other points, except for rules on HTTP
     * (with JDBC or alone, unscoped), where ByteBuddy is installed on demand, when the first HTTP client class that
     * it weaves loads (that class waits for it): an application that makes no HTTP call while it starts does not
     * pay for ByteBuddy then ({@code -Dchaos.agent.byte-buddy-on-demand=false}: at once).
     */
    private static void installInBackground() {
        ChaosMonkey chaos = monkey;
        if (gate == null) {
            gate = WeaveGate.register(instrumentation);
        }
        MethodTargets methodTargets = MethodTargets.armedIn(chaos);
        int mask = chaos.armedPointsMask();
        int http = InjectionPoint.HTTP.bit();
        WeaveCandidates candidates = new WeaveCandidates(methodTargets);
        // a class to weave that is loaded already (another agent's premain loaded it) is woven by retransformation,
        // which a first call could beat: premain then waits for the weaving, ByteBuddy included
        boolean preloaded = anyLoaded(instrumentation, candidates);
        boolean onDemand = (mask & http) != 0 && !byteBuddyNeeded(chaos, http) && !preloaded
                && !"false".equals(System.getProperty("chaos.agent.byte-buddy-on-demand"));
        boolean byteBuddyNow = !onDemand && byteBuddyNeeded(chaos, 0);
        premainWaits = preloaded;
        Instrumentation jvm = instrumentation;
        WeaveGate weaveGate = gate;
        Thread thread = new Thread(() -> {
            long begin = System.nanoTime();
            Installation done = null;
            try {
                backgroundDelay();
                prepareBridge(jvm, chaos);
                // the JDBC classes that loaded before (a class that gave up waiting) are retransformed
                done = Installation.install(weaveGate.instrumentation(), true);
                if (byteBuddyNow) {
                    done.installByteBuddy(methodTargets, mask, true);
                }
                StartupTrace.mark("installed in the background");
            } catch (Throwable t) {
                ChaosLog.warn("chaos-agent: could not weave for the rules of the agent options; the application runs"
                        + " without chaos", t);
            } finally {
                if (done == null || !onDemand) {
                    weaveGate.release();
                }
                synchronized (AgentRuntime.class) {
                    installation = done;
                    weaving = null;
                    if (done != null) {
                        bind();
                    }
                    AgentRuntime.class.notifyAll();
                }
            }
            if (done != null) {
                ChaosLog.info("chaos-agent: wove for the rules of the agent options in " + (System.nanoTime() - begin)
                        / 1_000_000 + " ms, in the background (" + weaveGate.waitedClasses() + " class load(s)"
                        + " waited " + weaveGate.waitedMillis() + " ms for it)" + (onDemand ? "; the HTTP clients"
                        + " are woven when the first of their classes loads" : ""));
            }
        }, "chaos-agent-weaver");
        thread.setDaemon(true);
        byteBuddyOnDemand = onDemand ? http : 0;
        gate.expect(candidates, thread, true, byteBuddyNow || onDemand,
                onDemand ? AgentRuntime::startByteBuddyOnDemand : null);
        weaving = thread;
        thread.start();
    }

    /** Whether a class that a weaver may weave is loaded already. */
    private static boolean anyLoaded(Instrumentation jvm, WeaveCandidates candidates) {
        for (Class<?> c : jvm.getAllLoadedClasses()) {
            if (c.isArray() || c.isPrimitive()) {
                continue;
            }
            int weaver = candidates.mustWait(c.getName(), null);
            if (weaver == WeaveCandidates.BYTE_BUDDY || weaver == WeaveCandidates.JDBC && JdbcWeaver.matchesLoaded(c)) {
                StartupTrace.mark(c.getName() + " is loaded before the agent: premain waits for the weaving");
                return true;
            }
        }
        return false;
    }

    /**
     * ByteBuddy on demand (see {@link #installInBackground()}): run by the first class that loads and that one of
     * its instrumentations may weave, which then waits. Installs on a daemon thread, after the weaving started in
     * premain.
     */
    private static void startByteBuddyOnDemand() {
        WeaveGate weaveGate = gate;
        Thread thread = new Thread(() -> {
            long begin = System.nanoTime();
            boolean installed = false;
            try {
                Installation target;
                ChaosMonkey chaos;
                synchronized (AgentRuntime.class) {
                    awaitBackgroundWeaving();
                    target = installation;
                    chaos = monkey;
                }
                if (target != null && chaos != null) {
                    installed = target.installByteBuddy(MethodTargets.armedIn(chaos), chaos.armedPointsMask(),
                            false);
                    synchronized (AgentRuntime.class) {
                        byteBuddyOnDemand = 0;
                        if (installation == target) {
                            target.follow(chaos);
                        }
                    }
                }
            } catch (Throwable t) {
                ChaosLog.warn("chaos-agent: could not weave the HTTP clients for the rules of the agent options;"
                        + " they run without chaos", t);
            } finally {
                weaveGate.release();
            }
            if (installed) {
                ChaosLog.info("chaos-agent: wove the HTTP clients on demand in " + (System.nanoTime() - begin)
                        / 1_000_000 + " ms");
            }
        }, "chaos-agent-weaver-on-demand");
        thread.setDaemon(true);
        weaveGate.builder(thread);
        thread.start();
    }

    /** Waits (releasing the class lock) until a background weaving started in premain has finished. */
    private static void awaitBackgroundWeaving() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (weaving != null && System.nanoTime() < deadline) {
            try {
                AgentRuntime.class.wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
            Installation current = installation;
            if ((current == null || !current.hasByteBuddy()) && event.type() != ChaosEvent.Type.INJECTED) {
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
        awaitBackgroundWeaving();
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
        if (gate != null) {
            // ByteBuddy on demand is called off
            gate.release();
        }
        byteBuddyOnDemand = 0;
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
