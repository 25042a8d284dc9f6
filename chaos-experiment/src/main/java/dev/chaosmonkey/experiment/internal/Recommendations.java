package dev.chaosmonkey.experiment.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.chaosmonkey.experiment.Journal;
import dev.chaosmonkey.experiment.SloCheck;

/** Derives follow-up recommendations from a journal; a pure function. */
public final class Recommendations {
    private Recommendations() {
    }

    /** Recommendations, most important first; never empty. */
    public static List<String> of(Journal j) {
        List<String> out = new ArrayList<>();
        if (j.abort() != null) {
            out.add("The run was aborted (" + j.abort().condition() + "): find out why the system degraded that far"
                    + " before running it again, or lower the intensity (ramp, p=).");
        }
        for (SloCheck c : j.sloChecks()) {
            if (!c.failed()) {
                continue;
            }
            switch (c.metric()) {
                case "error rate", "availability" -> out.add(c.phase().equals("baseline")
                        ? "The steady state did not hold before any fault: fix the probe or the system first."
                        : j.during().degraded() == 0
                                ? "Errors reached callers during the fault window and no fallback answered: add a"
                                        + " fallback (cached or default response) behind a circuit breaker."
                                : "The fallback answered only part of the failed calls: make sure every failure"
                                        + " path, including not-permitted calls, ends in the fallback.");
                case "latency degradation" -> out.add("Latency grew beyond the target: bound slow calls with a"
                        + " TimeLimiter or client timeout and keep retry back-off short.");
                case "MTTR", "recovery time" -> out.add("Recovery was slow: shorten the circuit breaker's wait in the"
                        + " open state or enable its automatic transition to half-open.");
                default -> out.add("Investigate " + c.describe() + ".");
            }
        }
        long injected = j.faults().stream().mapToLong(Journal.FaultCount::injected).sum();
        if (injected == 0 && !j.episodes().isEmpty()) {
            out.add(j.dryRun() ? "No fault would have fired: check that the specs match calls the system makes."
                    : "No fault was injected: check that the fault specs match calls the target makes (woven points"
                            + " need the agent; custom points need ChaosMonkey.global().check(name)).");
        } else if (j.dryRun()) {
            out.add("Dry run: the faults would have fired " + injected + " times; run it without --dry-run to"
                    + " inject them.");
        }
        out = new ArrayList<>(new LinkedHashSet<>(out));
        if (out.isEmpty()) {
            out.add("All targets met: raise the intensity (ramp to p=1), add episodes or tighten the SLO targets to"
                    + " keep the experiment informative.");
        }
        return out;
    }
}
