package dev.chaosmonkey.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.chaosmonkey.experiment.ExperimentRunnerJmx;
import dev.chaosmonkey.experiment.ExperimentRunnerMXBean;

/**
 * Experiments run inside the application through the chaos endpoint ({@code /actuator/chaos/experiments}), on
 * chaos-experiment's in-process runner: probes run in this JVM (so {@code meter} and {@code circuitBreaker} probes
 * work) and faults are armed on this JVM's chaos MBean. One run at a time. Present only when chaos-experiment is on the
 * class path.
 */
public final class ExperimentControl {
    private final ExperimentRunnerMXBean runner;

    public ExperimentControl() {
        this(new ExperimentRunnerJmx());
    }

    ExperimentControl(ExperimentRunnerMXBean runner) {
        this.runner = runner;
    }

    /**
     * Starts an experiment from its YAML text.
     *
     * @return the run id
     * @throws IllegalArgumentException with {@code file:line:column} when the text is invalid (nothing armed)
     * @throws IllegalStateException while another run is in progress
     */
    public String start(String yaml) {
        return runner.start(yaml);
    }

    /** Emergency stop of the running experiment (its rules are disarmed at once); returns whether one was running. */
    public boolean stop() {
        boolean running = "RUNNING".equals(runner.getStatus());
        runner.stop();
        return running;
    }

    /** Status, phase, run id, verdict and, once finished, the journal (JSON text). */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", runner.getStatus());
        m.put("phase", runner.getPhase());
        m.put("runId", runner.getRunId());
        m.put("verdict", runner.getVerdict());
        m.put("journal", runner.getResult());
        return m;
    }
}
