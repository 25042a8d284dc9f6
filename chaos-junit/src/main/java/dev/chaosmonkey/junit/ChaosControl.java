package dev.chaosmonkey.junit;

import java.time.Duration;
import java.util.List;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Programmatic control of a running {@link ChaosExperiment}, injected as a test method parameter.
 *
 * <p>Arming the first rule starts a fault episode; disarming the last one ends it (and starts the recovery clock).
 * Every rule armed through this interface is disarmed when the test ends, whatever its outcome.
 *
 * <pre>{@code
 * @ChaosExperiment(hypothesis = "the fallback serves while inventory is down")
 * void outage(ChaosControl chaos) {
 *     chaos.injectFor(Duration.ofSeconds(2), "custom name=inventory -> exception(java.net.ConnectException)");
 *     Duration recovery = chaos.awaitRecovery();
 *     assertThat(chaos.result().fallbackAnswers()).isPositive();
 * }
 * }</pre>
 */
public interface ChaosControl {

    /**
     * Parses and arms a fault spec; returns the rule id. Starts an episode if none is running. Like declared faults,
     * the rule is scoped to the experiment ({@code scope=}{@link #scope()} added) unless the experiment is
     * {@link FaultScope#GLOBAL}, the spec names a scope or it is a {@code resource} fault.
     *
     * @throws IllegalStateException for a process-wide ({@code resource}) fault in an experiment that holds the
     *         chaos lock shared (its declared faults are all scoped, other experiments may be running)
     */
    String arm(String spec);

    /**
     * The name of the experiment's {@code ChaosScope}. The test thread, the probe's samples and the fault windows run
     * in it; work handed to other threads carries it with the agent or {@code ChaosScope.wrap(...)}, and a request to
     * a service can carry it in the {@code X-Chaos-Scope} header (see the chaos-spring filters).
     */
    String scope();

    /** Disarms one rule armed by this experiment; ends the episode when it was the last. */
    void disarm(String ruleId);

    /** Disarms every rule this experiment armed and ends the running episode, if any. */
    void disarmAll();

    /** Ids of this experiment's rules that are armed now. */
    List<String> armedRules();

    /**
     * Arms {@code specs} together, keeps them armed for {@code window} while the probe keeps sampling, then disarms
     * them: one complete fault episode.
     */
    void injectFor(Duration window, String... specs);

    /**
     * Waits until the probe has been healthy for the configured number of consecutive samples after the last episode
     * ended, and returns the recovery time (fault removed to healthy again).
     *
     * @throws AssertionError naming the timeout if the probe is not healthy again within the recovery timeout
     * @throws IllegalStateException if a fault is still armed or no episode ran
     */
    Duration awaitRecovery();

    /**
     * Observes a Resilience4j component (CircuitBreaker, Retry, Bulkhead, TimeLimiter or one of their registries)
     * that is not a field of the test class. Events before this call are not seen.
     */
    void observe(Object component);

    /** A snapshot of the measurements so far (without SLO checks). */
    ExperimentResult result();

    /** The chaos engine the experiment uses: {@code ChaosMonkey.global()}. */
    ChaosMonkey monkey();
}
