package dev.chaosmonkey.experiment;

/**
 * Runs an experiment inside this JVM, from jconsole, VisualVM or Jolokia; registered as {@value #OBJECT_NAME} by
 * the agent (or by {@link ExperimentRunnerJmx#register()}). Probes run in this JVM, so {@code meter} and
 * {@code circuitBreaker} probes work; faults are armed on this JVM's chaos MBean. One run at a time.
 */
public interface ExperimentRunnerMXBean {
    /** The MBean's name. */
    String OBJECT_NAME = "dev.chaosmonkey:type=ExperimentRunner";

    /**
     * Starts an experiment.
     *
     * @param yaml the experiment text (YAML, as in an experiment file)
     * @return the run's id
     * @throws IllegalArgumentException with {@code file:line:column} when the text is invalid (nothing armed)
     * @throws IllegalStateException when a run is in progress
     */
    String start(String yaml);

    /** Emergency stop of the running experiment: disarms its rules at once. */
    void stop();

    /** {@code IDLE}, {@code RUNNING}, or the last run's end: {@code COMPLETED}, {@code FAILED}, {@code ABORTED},
     * {@code INTERRUPTED}, {@code INVALID}. */
    String getStatus();

    /** The running experiment's phase, or the last status. */
    String getPhase();

    /** Id of the current or last run, or empty. */
    String getRunId();

    /** The last run's journal as JSON, or empty while none has finished. */
    String getResult();

    /** The last run's verdict line (or the error that ended it), or empty. */
    String getVerdict();
}
