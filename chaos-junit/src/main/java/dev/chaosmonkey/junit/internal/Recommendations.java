package dev.chaosmonkey.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.junit.ExperimentResult;

/** Derives follow-up recommendations from an experiment's measurements and SLO checks. */
public final class Recommendations {
    private Recommendations() {
    }

    /** Recommendations, most important first; never empty. */
    public static List<String> of(ExperimentResult r) {
        List<String> out = new ArrayList<>();
        boolean hasBreaker = r.components().keySet().stream().anyMatch(k -> k.startsWith("circuitbreaker:"));
        boolean hasRetry = r.components().keySet().stream().anyMatch(k -> k.startsWith("retry:"));
        boolean hasTimeLimiter = r.components().keySet().stream().anyMatch(k -> k.startsWith("timelimiter:"));
        for (SloCheck c : r.sloChecks()) {
            if (!c.failed()) {
                continue;
            }
            switch (c.metric()) {
                case "error rate", "availability" -> out.add(r.faultWindow().degraded() == 0
                        ? "Errors reached callers during the fault window and no fallback answered: add a fallback"
                                + " (cached or default response) behind the circuit breaker."
                        : "The fallback answered only part of the failed calls: make sure every failure path,"
                                + " including not-permitted calls, ends in the fallback.");
                case "latency degradation" -> out.add(hasTimeLimiter
                        ? "Latency grew beyond the target despite a time limiter: lower its timeout or the retry"
                                + " wait so that failed attempts give up sooner."
                        : "Latency grew beyond the target: bound slow calls with a TimeLimiter/client timeout and"
                                + " keep retry back-off short while the breaker is closed.");
                case "MTTR", "recovery time" -> out.add(hasBreaker
                        ? "Recovery was slow: shorten the circuit breaker's waitDurationInOpenState or enable"
                                + " automaticTransitionFromOpenToHalfOpen, and check permittedNumberOfCallsInHalfOpenState."
                        : "Recovery was slow: add a circuit breaker so that the system stops calling the failed"
                                + " dependency and probes it again after a short wait.");
                default -> out.add("Investigate " + c.describe() + ".");
            }
        }
        if (!hasBreaker && !r.episodes().isEmpty()) {
            out.add("No circuit breaker was observed: declare CircuitBreaker fields on the test class (or call"
                    + " ChaosControl.observe) to verify breaker behaviour.");
        }
        if (hasRetry && r.faultWindow().failed() > 0) {
            for (Map.Entry<String, Map<String, Long>> e : r.components().entrySet()) {
                if (e.getKey().startsWith("retry:") && e.getValue().getOrDefault("exhausted", 0L) > 0) {
                    out.add("Retries of " + e.getKey() + " were exhausted " + e.getValue().get("exhausted")
                            + " times: retrying a hard failure adds latency; restrict retries to transient errors.");
                }
            }
        }
        if (r.probe() == null) {
            out.add("Add a @SteadyStateProbe so that error rate, latency and recovery can be measured.");
        }
        if (r.injections() == 0 && !r.episodes().isEmpty()) {
            out.add("No fault was injected: check that the fault spec matches a point the code reaches (custom"
                    + " points need ChaosMonkey.global().check(name); woven points need the agent).");
            if (!r.exclusive()) {
                out.add("The faults were scoped to " + r.scope() + ": calls made on threads the experiment did not"
                        + " start (server request threads, executors the agent does not weave) are outside the"
                        + " scope. Carry it with ChaosScope.wrap(...) or the X-Chaos-Scope header, or declare"
                        + " @ChaosExperiment(scope = FaultScope.GLOBAL).");
            }
        }
        out = new ArrayList<>(new java.util.LinkedHashSet<>(out)); // error rate and availability share advice
        if (out.isEmpty()) {
            out.add("All targets met: raise the intensity (@HeavyIntensity), add episodes (@StressScenario) or"
                    + " tighten the SLO targets to keep the experiment informative.");
        }
        return out;
    }
}
