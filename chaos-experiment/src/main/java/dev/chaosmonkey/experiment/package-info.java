/**
 * The experiment engine: experiment definitions (from YAML files or code), probes, the runner with its phases,
 * episodes and abort conditions, the pure analysis (time to detect, recovery, MTTR, SLO checks) and the journal
 * with its reports. Talks to chaos only through {@link dev.chaosmonkey.experiment.ChaosTarget} (JMX), so it has no
 * dependency on chaos-core and runs in the agent's CLI process, inside the target and under JUnit alike.
 */
package dev.chaosmonkey.experiment;
