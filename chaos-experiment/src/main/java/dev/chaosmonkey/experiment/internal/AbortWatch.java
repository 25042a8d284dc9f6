package dev.chaosmonkey.experiment.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import dev.chaosmonkey.experiment.AbortCondition;
import dev.chaosmonkey.experiment.Durations;
import dev.chaosmonkey.experiment.Outcome;
import dev.chaosmonkey.experiment.PhaseStats;
import dev.chaosmonkey.experiment.Sample;

/**
 * Evaluates the sample-based abort conditions on every new sample while faults are armed. Only samples that started
 * after the faults were armed ({@link #reset()}) count. The evaluation itself ({@link #evaluate}) is a pure
 * function.
 */
public final class AbortWatch {
    private final List<AbortCondition> conditions;
    private final BiConsumer<String, String> trip;
    private volatile long armedAtNanos = Long.MAX_VALUE;

    /** Watches {@code conditions}; {@code trip} receives the condition's description and the measured value. */
    public AbortWatch(List<AbortCondition> conditions, BiConsumer<String, String> trip) {
        this.conditions = List.copyOf(conditions);
        this.trip = trip;
    }

    /** Faults were just armed: samples from now on count. */
    public void reset() {
        armedAtNanos = Long.MIN_VALUE;
    }

    /** Checks the conditions after {@code latest} was added to {@code all}. */
    public void onSample(Sample latest, List<Sample> all, long nowNanos) {
        if (!latest.duringFault()) {
            return;
        }
        for (AbortCondition c : conditions) {
            String measured = evaluate(c, all, nowNanos);
            if (measured != null) {
                trip.accept(c.describe(), measured);
                return;
            }
        }
    }

    /**
     * The measured value when {@code c} holds over {@code all} at {@code nowNanos} (only samples taken while faults
     * were armed count), otherwise {@code null}; JMX conditions are not sample-based and give {@code null}.
     */
    public static String evaluate(AbortCondition c, List<Sample> all, long nowNanos) {
        if (c instanceof AbortCondition.ErrorRate e) {
            List<Sample> w = window(all, e.probe(), e.window(), nowNanos);
            if (w.size() < e.minSamples()) {
                return null;
            }
            PhaseStats p = PhaseStats.of("window", w);
            return p.errorRate() > e.above() + 1e-9 ? Durations.percent(p.errorRate()) + " (" + p.failed() + " of "
                    + p.samples() + " samples)" : null;
        }
        if (c instanceof AbortCondition.Latency l) {
            List<Sample> w = window(all, l.probe(), l.window(), nowNanos);
            if (w.size() < l.minSamples()) {
                return null;
            }
            long[] lat = new long[w.size()];
            for (int i = 0; i < lat.length; i++) {
                lat[i] = w.get(i).latencyNanos();
            }
            java.util.Arrays.sort(lat);
            Duration p = PhaseStats.percentile(lat, l.percentile());
            return p.compareTo(l.above()) > 0 ? Durations.format(p) + " over " + w.size() + " samples" : null;
        }
        if (c instanceof AbortCondition.ConsecutiveFailures f) {
            int run = 0;
            for (int i = all.size() - 1; i >= 0; i--) {
                Sample s = all.get(i);
                if (!s.probe().equals(f.probe())) {
                    continue;
                }
                if (!s.duringFault() || s.outcome() != Outcome.FAILED) {
                    break;
                }
                run++;
            }
            return run >= f.count() ? run + " failures in a row" : null;
        }
        return null;
    }

    private static List<Sample> window(List<Sample> all, String probe, Duration window, long nowNanos) {
        long from = nowNanos - window.toNanos();
        List<Sample> out = new ArrayList<>();
        for (Sample s : all) {
            if (s.duringFault() && s.offsetNanos() >= from && (probe == null || probe.equals(s.probe()))) {
                out.add(s);
            }
        }
        return out;
    }
}
