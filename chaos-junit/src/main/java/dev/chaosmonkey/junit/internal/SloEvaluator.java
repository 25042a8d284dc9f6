package dev.chaosmonkey.junit.internal;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.junit.ExperimentResult;

/** Checks an experiment's measurements against its SLO targets: the experiment engine's evaluation. */
public final class SloEvaluator {
    private SloEvaluator() {
    }

    /** The checks, in a fixed order: MTTR, recovery, error rate, availability, latency degradation. */
    public static List<SloCheck> evaluate(ExperimentResult r) {
        List<dev.chaosmonkey.experiment.EpisodeResult> episodes = new ArrayList<>();
        for (dev.chaosmonkey.junit.Episode e : r.episodes()) {
            episodes.add(EngineTypes.episode(e));
        }
        return dev.chaosmonkey.experiment.SloEvaluator.evaluate(EngineTypes.targets(r.targets()), r.probe() != null,
                EngineTypes.phaseStats(r.baseline()), EngineTypes.phaseStats(r.faultWindow()), episodes);
    }
}
