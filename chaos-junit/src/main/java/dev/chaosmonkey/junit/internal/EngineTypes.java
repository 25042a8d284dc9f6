package dev.chaosmonkey.junit.internal;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.experiment.Outcome;
import dev.chaosmonkey.experiment.Sample;
import dev.chaosmonkey.junit.Episode;
import dev.chaosmonkey.junit.PhaseStats;
import dev.chaosmonkey.junit.ProbeSample;
import dev.chaosmonkey.junit.SloTargets;

/**
 * Converts between chaos-junit's public records (which stay as they are) and the experiment engine's, so that the
 * analysis, statistics and SLO evaluation are the engine's.
 */
public final class EngineTypes {
    /** The probe name the adapter's samples carry (chaos-junit has one probe per experiment). */
    static final String PROBE = "probe";

    private EngineTypes() {
    }

    /** A JUnit sample as an engine sample. */
    public static Sample sample(ProbeSample s) {
        return new Sample(PROBE, s.offsetNanos(), s.latencyNanos(), Outcome.valueOf(s.outcome().name()), s.error(),
                s.episode());
    }

    /** JUnit samples as engine samples. */
    public static List<Sample> samples(List<ProbeSample> samples) {
        List<Sample> out = new ArrayList<>(samples.size());
        for (ProbeSample s : samples) {
            out.add(sample(s));
        }
        return out;
    }

    /** Engine statistics as the JUnit record. */
    public static PhaseStats phaseStats(dev.chaosmonkey.experiment.PhaseStats p) {
        return new PhaseStats(p.phase(), p.samples(), p.healthy(), p.degraded(), p.failed(), p.p50(), p.p95(),
                p.p99());
    }

    /** A JUnit statistics record as the engine's. */
    public static dev.chaosmonkey.experiment.PhaseStats phaseStats(PhaseStats p) {
        return new dev.chaosmonkey.experiment.PhaseStats(p.phase(), p.samples(), p.healthy(), p.degraded(),
                p.failed(), p.p50(), p.p95(), p.p99());
    }

    /** JUnit targets as the engine's. */
    public static dev.chaosmonkey.experiment.SloTargets targets(SloTargets t) {
        return new dev.chaosmonkey.experiment.SloTargets(t.maxMttr(), t.maxRecovery(), t.maxErrorRate(),
                t.minAvailability(), t.maxLatencyDegradation());
    }

    /** A JUnit episode as the engine's. */
    public static dev.chaosmonkey.experiment.EpisodeResult episode(Episode e) {
        return new dev.chaosmonkey.experiment.EpisodeResult(e.index(), e.faults(), e.faultStartMillis(),
                e.faultEndMillis(), e.injections(), e.detectedAtMillis(), e.recoveredAtMillis());
    }
}
