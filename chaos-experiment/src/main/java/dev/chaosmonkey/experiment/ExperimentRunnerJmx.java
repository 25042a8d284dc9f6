package dev.chaosmonkey.experiment;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.chaosmonkey.experiment.internal.EngineLog;

/** The {@link ExperimentRunnerMXBean} implementation: runs experiments on a daemon thread against this JVM. */
public final class ExperimentRunnerJmx implements ExperimentRunnerMXBean {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private volatile ExperimentRunner running;
    private volatile String status = "IDLE";
    private volatile String runId = "";
    private volatile String result = "";
    private volatile String verdict = "";

    /**
     * Registers an instance with the platform MBean server unless one is registered; never throws.
     *
     * @return whether this call registered it
     */
    public static boolean register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                return false;
            }
            server.registerMBean(new ExperimentRunnerJmx(), name);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            return false;
        } catch (Exception | LinkageError e) {
            EngineLog.error("cannot register " + OBJECT_NAME, e);
            return false;
        }
    }

    @Override
    public synchronized String start(String yaml) {
        if (running != null && !running.finished()) {
            throw new IllegalStateException("experiment " + runId + " is running; stop it first");
        }
        ExperimentDefinition definition;
        try {
            definition = ExperimentFile.parse(yaml == null ? "" : yaml, "jmx");
        } catch (ExperimentFileException e) {
            status = "INVALID";
            verdict = e.getMessage();
            throw new IllegalArgumentException(e.getMessage());
        }
        ExperimentRunner runner = ExperimentRunner.of(definition).target(JmxChaosTarget.local()).inProcess(true)
                .build();
        String id = definition.name() + "-" + RUNS.incrementAndGet();
        running = runner;
        runId = id;
        status = "RUNNING";
        result = "";
        verdict = "";
        Thread t = new Thread(() -> {
            try {
                Journal j = runner.run();
                result = JournalReports.json(j);
                verdict = j.verdict();
                status = j.status().name();
            } catch (RuntimeException e) {
                verdict = e.getMessage() == null ? e.toString() : e.getMessage();
                status = "INVALID";
            }
        }, "chaos-experiment-" + id);
        t.setDaemon(true);
        t.start();
        return id;
    }

    @Override
    public void stop() {
        ExperimentRunner r = running;
        if (r != null && !r.finished()) {
            r.stop("stopped over JMX");
        }
    }

    @Override
    public String getStatus() {
        return status;
    }

    @Override
    public String getPhase() {
        ExperimentRunner r = running;
        return r != null && !r.finished() ? r.phase() : status;
    }

    @Override
    public String getRunId() {
        return runId;
    }

    @Override
    public String getResult() {
        return result;
    }

    @Override
    public String getVerdict() {
        return verdict;
    }
}
