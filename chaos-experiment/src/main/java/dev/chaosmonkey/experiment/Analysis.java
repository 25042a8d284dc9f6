package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment's measurements as pure functions over samples and fault windows: which phase a sample belongs to,
 * when an episode's fault was detected, when the system recovered, MTTR. No threads, no clocks: every input is
 * passed in, so each rule can be tested with hand-written samples.
 */
public final class Analysis {
    private Analysis() {
    }

    /**
     * Samples split by phase.
     *
     * @param baseline before the first fault was armed
     * @param faultWindow while faults were armed (including samples that overlapped arming or removal)
     * @param recovery after a fault was removed and before the next was armed
     */
    public record Phases(List<Sample> baseline, List<Sample> faultWindow, List<Sample> recovery) {
    }

    /** The phase a sample belongs to. */
    public enum Phase {
        /** Before the first fault was armed. */
        BASELINE,
        /** While faults were armed, or overlapping their arming or removal. */
        FAULT_WINDOW,
        /** After a fault was removed and before the next was armed. */
        RECOVERY
    }

    /** The phase of {@code s}: tagged with an episode or overlapping a window is the fault window. */
    public static Phase phaseOf(Sample s, List<FaultWindow> windows) {
        if (s.duringFault() || overlapsFault(s, windows)) {
            return Phase.FAULT_WINDOW;
        }
        return windows.isEmpty() || s.offsetNanos() < windows.get(0).startNanos() ? Phase.BASELINE : Phase.RECOVERY;
    }

    /** Splits {@code samples} into baseline, fault window and recovery. */
    public static Phases phases(List<Sample> samples, List<FaultWindow> windows) {
        List<Sample> baseline = new ArrayList<>();
        List<Sample> window = new ArrayList<>();
        List<Sample> recovery = new ArrayList<>();
        for (Sample s : samples) {
            switch (phaseOf(s, windows)) {
                case FAULT_WINDOW -> window.add(s);
                case BASELINE -> baseline.add(s);
                default -> recovery.add(s);
            }
        }
        return new Phases(baseline, window, recovery);
    }

    /** Whether a sample ran (partly) while a window's faults were being armed or were armed. */
    public static boolean overlapsFault(Sample s, List<FaultWindow> windows) {
        for (FaultWindow w : windows) {
            long end = w.ended() ? w.endNanos() : Long.MAX_VALUE;
            if (s.offsetNanos() < end && s.endNanos() > w.startNanos()) {
                return true;
            }
        }
        return false;
    }

    /** Start of the window after {@code index} (1-based) in milliseconds, or {@code Long.MAX_VALUE}. */
    public static long nextStartMillis(List<FaultWindow> windows, int index) {
        return index < windows.size() ? windows.get(index).startMillis() : Long.MAX_VALUE;
    }

    /**
     * First sign of the fault: the first non-healthy sample, or an earlier {@code signalsMillis} entry (a breaker
     * opening), at or after the window's start and before the next window's; -1 when there is none.
     */
    public static long detectedAt(FaultWindow w, long nextStartMillis, List<Sample> samples,
            List<Long> signalsMillis) {
        long first = -1;
        for (Sample s : samples) {
            if (s.offsetMillis() >= w.startMillis() && s.offsetMillis() < nextStartMillis
                    && s.outcome() != Outcome.HEALTHY) {
                first = s.offsetMillis();
                break;
            }
        }
        for (long at : signalsMillis) {
            if (at >= w.startMillis() && at < nextStartMillis && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /**
     * When the system recovered from window {@code w}: for each probe, the start of its first run of
     * {@code healthySamples} consecutive healthy samples that ends at or after the fault's removal (samples taken
     * before the removal count: a system that never degraded recovered at once), no earlier than the removal; the
     * latest over the probes. -1 while the window is open, or when a probe has not recovered (yet).
     */
    public static long recoveredAt(FaultWindow w, long nextStartMillis, List<Sample> samples, int healthySamples) {
        if (!w.ended()) {
            return -1;
        }
        Map<String, List<Sample>> byProbe = byProbe(samples);
        if (byProbe.isEmpty()) {
            return -1;
        }
        long latest = -1;
        for (List<Sample> probeSamples : byProbe.values()) {
            long at = recoveredAtSingle(w, nextStartMillis, probeSamples, healthySamples);
            if (at < 0) {
                return -1;
            }
            latest = Math.max(latest, at);
        }
        return latest;
    }

    private static long recoveredAtSingle(FaultWindow w, long limit, List<Sample> samples, int healthySamples) {
        long end = w.endMillis();
        int needed = Math.max(1, healthySamples);
        int run = 0;
        long runStart = -1;
        for (Sample s : samples) {
            // a sample in the millisecond the next episode started in counts: the runner saw it (recovered) before
            // it armed that episode, so the two agree (offsets are whole milliseconds)
            if (s.offsetMillis() < w.startMillis() || s.offsetMillis() > limit) {
                continue;
            }
            if (s.outcome() == Outcome.HEALTHY) {
                if (run == 0) {
                    runStart = s.offsetMillis();
                }
                run++;
                if (run >= needed && s.offsetMillis() >= end) {
                    return Math.max(runStart, end);
                }
            } else {
                run = 0;
            }
        }
        return -1;
    }

    /** Samples grouped by probe name, each in time order, probes in order of first appearance. */
    public static Map<String, List<Sample>> byProbe(List<Sample> samples) {
        Map<String, List<Sample>> m = new LinkedHashMap<>();
        for (Sample s : samples) {
            m.computeIfAbsent(s.probe(), k -> new ArrayList<>()).add(s);
        }
        return m;
    }

    /**
     * The episodes' results.
     *
     * @param faults the specs per window (same order)
     * @param injections injections per window (same order)
     * @param signalsMillis extra detection signals (breaker openings), ms since start
     * @param measured whether detection can be measured at all (a probe or signals exist)
     */
    public static List<EpisodeResult> episodes(List<FaultWindow> windows, List<List<String>> faults,
            List<Long> injections, List<Sample> samples, List<Long> signalsMillis, int healthySamples,
            boolean measured) {
        List<EpisodeResult> out = new ArrayList<>();
        boolean probes = !samples.isEmpty();
        for (int i = 0; i < windows.size(); i++) {
            FaultWindow w = windows.get(i);
            long next = nextStartMillis(windows, w.index());
            out.add(new EpisodeResult(w.index(), faults.get(i), w.startMillis(), w.endMillis(), injections.get(i),
                    measured ? detectedAt(w, next, samples, signalsMillis) : -1,
                    probes ? recoveredAt(w, next, samples, healthySamples) : -1));
        }
        return out;
    }

    /** Mean time to detect over episodes that detected the fault. */
    public static Optional<Duration> meanTimeToDetect(List<EpisodeResult> episodes) {
        return mean(episodes.stream().map(EpisodeResult::timeToDetect).flatMap(Optional::stream).toList());
    }

    /** Mean time to recovery; empty if an episode did not recover or there are none. */
    public static Optional<Duration> mttr(List<EpisodeResult> episodes) {
        List<Duration> times = episodes.stream().map(EpisodeResult::recoveryTime).flatMap(Optional::stream).toList();
        return times.size() == episodes.size() ? mean(times) : Optional.empty();
    }

    /** The longest recovery time; empty if an episode did not recover or there are none. */
    public static Optional<Duration> worstRecovery(List<EpisodeResult> episodes) {
        List<Duration> times = episodes.stream().map(EpisodeResult::recoveryTime).flatMap(Optional::stream).toList();
        return times.size() == episodes.size() && !times.isEmpty()
                ? times.stream().max(Duration::compareTo) : Optional.empty();
    }

    /** Mean in whole milliseconds; empty for no durations. */
    public static Optional<Duration> mean(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (Duration d : durations) {
            total += d.toMillis();
        }
        return Optional.of(Duration.ofMillis(total / durations.size()));
    }
}
