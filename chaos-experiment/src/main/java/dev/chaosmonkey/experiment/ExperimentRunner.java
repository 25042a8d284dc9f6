package dev.chaosmonkey.experiment;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import dev.chaosmonkey.experiment.ExperimentDefinition.FaultDefinition;
import dev.chaosmonkey.experiment.internal.AbortWatch;
import dev.chaosmonkey.experiment.internal.EngineLog;
import dev.chaosmonkey.experiment.internal.JournalAssembly;
import dev.chaosmonkey.experiment.internal.ProbeSampler;
import dev.chaosmonkey.experiment.internal.Probes;

/**
 * Runs one experiment against one or more targets: samples the probes at a fixed rate, checks the steady state in
 * the baseline, arms the faults (with a lease) on the selected targets in episodes (optionally ramped), watches the
 * abort conditions and the targets' kill switch while faults are armed, waits for recovery, and returns the
 * {@link Journal}. Every rule it armed is disarmed when it returns, whatever happened; {@link #stop(String)} (Ctrl-C,
 * JMX) disarms at once from any thread.
 */
public final class ExperimentRunner {
    /** Extra lease beyond the fault window, so that a rule outlives a slow disarm by little. */
    public static final Duration LEASE_GRACE = Duration.ofSeconds(2);
    private static final long TICK_MILLIS = 20;
    private static final long KILL_SWITCH_POLL_MILLIS = 200;

    private final ExperimentDefinition definition;
    private final List<ChaosTarget> targets;
    private final Set<Integer> selected;
    private final String environment;
    private final boolean dryRun;
    private final boolean inProcess;
    private final Consumer<Progress> progress;
    private final Consumer<TimelineEvent> events;
    private final List<Probe> extraProbes;

    private final Object lock = new Object();
    private final long startNanos = System.nanoTime();
    private final List<TimelineEvent> timeline = new CopyOnWriteArrayList<>();
    private final List<FaultWindow> windows = new CopyOnWriteArrayList<>();
    private final List<Long> windowInjections = new CopyOnWriteArrayList<>();
    /** Rules armed now: target index to ids (with the fault index of each id). */
    private final Map<Integer, Map<String, Integer>> armed = new LinkedHashMap<>();
    private final Map<String, long[]> faultCounts = new LinkedHashMap<>();
    private final Map<Integer, Integer> rulesArmedPerTarget = new LinkedHashMap<>();
    private volatile int activeEpisode;
    private volatile boolean faultsArmed;
    private volatile Journal.Abort abort;
    private volatile String stopReason;
    private volatile String phase = "starting";
    private volatile boolean finished;
    private AbortWatch watch;
    private volatile ProbeSampler sampler;
    /** The baseline as judged when the run decided whether the steady state holds. */
    private volatile PhaseStats baselineAtDecision;

    private ExperimentRunner(Builder b) {
        this.definition = b.definition;
        this.targets = List.copyOf(b.targets);
        this.selected = b.selected == null ? allIndices(targets.size()) : Set.copyOf(b.selected);
        this.environment = b.environment != null ? b.environment : b.definition.environment();
        this.dryRun = b.dryRun || b.definition.dryRun();
        this.inProcess = b.inProcess;
        this.progress = b.progress;
        this.events = b.events;
        this.extraProbes = List.copyOf(b.extraProbes);
    }

    private static Set<Integer> allIndices(int n) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }

    /** A builder for {@code definition}. */
    public static Builder of(ExperimentDefinition definition) {
        return new Builder(definition);
    }

    /** Configures a run. */
    public static final class Builder {
        private final ExperimentDefinition definition;
        private final List<ChaosTarget> targets = new ArrayList<>();
        private Set<Integer> selected;
        private String environment;
        private boolean dryRun;
        private boolean inProcess;
        private Consumer<Progress> progress = p -> { };
        private Consumer<TimelineEvent> events = e -> { };
        private final List<Probe> extraProbes = new ArrayList<>();

        private Builder(ExperimentDefinition definition) {
            this.definition = definition;
        }

        /** Adds a target (in order; {@link #selected} refers to these indices). */
        public Builder target(ChaosTarget target) {
            targets.add(target);
            return this;
        }

        /** Only these targets (indices) get the faults; default all. */
        public Builder selected(Set<Integer> indices) {
            this.selected = indices;
            return this;
        }

        /** Environment whose SLO targets apply (overrides the file's). */
        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        /** Arms everything in dry-run mode. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Whether the run is inside the application (allows meter and circuitBreaker probes). */
        public Builder inProcess(boolean inProcess) {
            this.inProcess = inProcess;
            return this;
        }

        /** Receives progress about twice a second. */
        public Builder progress(Consumer<Progress> listener) {
            this.progress = listener;
            return this;
        }

        /** Receives every timeline event as it happens. */
        public Builder events(Consumer<TimelineEvent> listener) {
            this.events = listener;
            return this;
        }

        /** Adds a probe written in code, next to the file's. */
        public Builder probe(Probe probe) {
            this.extraProbes.add(probe);
            return this;
        }

        /** The runner. */
        public ExperimentRunner build() {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("an experiment needs at least one target");
            }
            return new ExperimentRunner(this);
        }
    }

    /** Thrown by {@link #run()} when a spec is refused by a target before any fault is active. */
    public static final class RefusedSpecException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedSpecException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- public control -------------------------------------------------------------------------------------

    /** The current phase, for status displays. */
    public String phase() {
        return phase;
    }

    /**
     * Emergency stop from any thread: disarms every rule of the run at once and ends it as INTERRUPTED (if it is
     * not already ending otherwise).
     */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        disarmEverything("stop: " + reason);
    }

    /** Whether {@link #run()} has returned. */
    public boolean finished() {
        return finished;
    }

    // ---- the run --------------------------------------------------------------------------------------------

    /**
     * Runs the experiment to the end.
     *
     * @throws IllegalArgumentException when a probe cannot run here (nothing armed)
     * @throws RefusedSpecException when a target refuses a spec (nothing left armed)
     */
    public Journal run() {
        Instant wallStart = Instant.now();
        SloTargets sloTargets = definition.targets(environment);
        List<Probe> probes = probes();
        List<AbortCondition.JmxThreshold> jmx = jmxConditions();
        sampler = new ProbeSampler(startNanos, () -> activeEpisode, this::onSample, probes.size() + jmx.size());
        watch = new AbortWatch(definition.abort(), this::tripped);
        String failure = null;
        try {
            event("chaos", "experiment " + definition.name() + " started" + (dryRun ? " (dry run)" : "")
                    + ", targets " + targetNames() + ", faults on " + selectedNames());
            enableTargets();
            for (Probe p : probes) {
                sampler.schedule(p); // fixed rate: the spacing is the interval, not interval + probe latency
            }
            for (AbortCondition.JmxThreshold j : jmx) {
                MBeanServerConnection server = mbeansFor(j.target());
                sampler.every(j.interval(), () -> checkJmx(j, server));
            }
            phase = "baseline";
            waitUntil(definition.baseline(), () -> sampler.haveSampleOfEach(probes), definition.baseline().plusSeconds(30));
            event("chaos", "baseline done");
            PhaseStats baseline = PhaseStats.of("baseline", snapshot());
            baselineAtDecision = baseline;
            if (baseline.errorRate() > sloTargets.maxErrorRate() + 1e-9) {
                String first = snapshot().stream().filter(s -> s.error() != null).map(s -> s.probe() + ": "
                        + s.error()).findFirst().orElse("probe FAILED");
                failure = "steady state does not hold before any fault was injected: error rate (baseline) was "
                        + Durations.percent(baseline.errorRate()) + ", target <= "
                        + Durations.percent(sloTargets.maxErrorRate()) + " (first error: " + first + ")";
                event("chaos", failure);
            } else {
                runEpisodes(probes);
            }
        } finally {
            disarmEverything("end of run");
            phase = "done";
            sampler.close();
            finished = true;
        }
        return journal(wallStart, sloTargets, probes, failure);
    }

    private void runEpisodes(List<Probe> probes) {
        int steps = definition.ramp() == null ? 1 : definition.ramp().steps();
        long windowNanos = definition.window().toNanos();
        for (int episode = 1; episode <= definition.episodes() && !ending(); episode++) {
            phase = "episode " + episode + "/" + definition.episodes() + " faults";
            long episodeStart = nowNanos();
            for (int step = 0; step < steps && !ending(); step++) {
                long stepEnd = episodeStart + windowNanos * (step + 1) / steps;
                Double p = definition.ramp() == null ? null : definition.ramp().probability(step);
                armStep(episode, step, p, episodeStart + windowNanos);
                waitWhileArmed(stepEnd);
            }
            endWindow(ending() ? (abort != null ? "aborted" : "stopped") : "fault window over");
            if (stopReason != null) {
                break;
            }
            phase = "episode " + episode + "/" + definition.episodes() + " recovery";
            awaitRecovery(episode, probes);
        }
    }

    private boolean ending() {
        return abort != null || stopReason != null;
    }

    private void armStep(int episode, int step, Double probability, long windowEndNanos) {
        List<String> specs = new ArrayList<>();
        Duration lease = Duration.ofNanos(Math.max(0, windowEndNanos - nowNanos())).plus(LEASE_GRACE);
        for (FaultDefinition f : definition.faults()) {
            String s = f.spec();
            if (probability != null) {
                s = SpecOptions.withProbability(s, probability);
            }
            if (dryRun) {
                s = SpecOptions.dryRun(s);
            }
            specs.add(SpecOptions.withLease(s, lease));
        }
        synchronized (lock) {
            if (ending()) {
                return;
            }
            if (step > 0) {
                disarmLocked("ramp step " + (step + 1));
            }
            if (step == 0) {
                windows.add(new FaultWindow(episode, nowNanos(), -1));
                windowInjections.add(0L);
                event("chaos", "episode " + episode + " started");
            }
            for (int t : new java.util.TreeSet<>(selected)) {
                ChaosTarget target = targets.get(t);
                List<String> ids;
                try {
                    ids = target.armAll(specs);
                } catch (IllegalArgumentException e) {
                    disarmLocked("a spec was refused");
                    throw new RefusedSpecException(refusal(target, e.getMessage()), e);
                } catch (Exception e) {
                    disarmLocked("target unreachable");
                    abortLocked("target unreachable: " + target.name(), e.toString());
                    return;
                }
                Map<String, Integer> byId = armed.computeIfAbsent(t, k -> new LinkedHashMap<>());
                for (int i = 0; i < ids.size(); i++) {
                    byId.put(ids.get(i), i);
                    event(target.name(), "armed " + ids.get(i) + ": " + specs.get(i));
                }
                rulesArmedPerTarget.merge(t, ids.size(), Integer::sum);
            }
            if (step == 0) {
                // the window starts once its faults are in force: a sample that began while they were being armed
                // (a healthy one, typically) belongs to the baseline, not to the fault window's error rate
                FaultWindow opened = windows.get(windows.size() - 1);
                windows.set(windows.size() - 1, new FaultWindow(opened.index(), nowNanos(), -1));
            }
            activeEpisode = episode;
            faultsArmed = true;
            watch.reset();
        }
    }

    /** The refusal message with the spec's position in the experiment file. */
    private String refusal(ChaosTarget target, String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at line (\\d+)(?:, column (\\d+))?")
                .matcher(message == null ? "" : message);
        String where = definition.source();
        if (m.find()) {
            int index = Integer.parseInt(m.group(1)) - 1;
            if (index >= 0 && index < definition.faults().size()) {
                FaultDefinition f = definition.faults().get(index);
                int col = m.group(2) == null ? f.column() : f.column() + Integer.parseInt(m.group(2)) - 1;
                where = definition.source() + ":" + f.line() + ":" + col;
            }
        } else if (!definition.faults().isEmpty()) {
            where = definition.faults().get(0).position(definition.source());
        }
        return where + ": " + target.name() + " refused a fault spec: " + message;
    }

    private void waitWhileArmed(long untilNanos) {
        long lastPoll = System.nanoTime();
        long bound = untilNanos + TimeUnit.SECONDS.toNanos(5);
        while (!ending() && nowNanos() < untilNanos && nowNanos() < bound) {
            sleepTick();
            if (System.nanoTime() - lastPoll >= TimeUnit.MILLISECONDS.toNanos(KILL_SWITCH_POLL_MILLIS)) {
                lastPoll = System.nanoTime();
                checkKillSwitch();
            }
            report();
        }
    }

    /** Rules that vanished from a target while armed: its kill switch (or an operator) removed them. */
    private void checkKillSwitch() {
        Map<Integer, Set<String>> expected = new LinkedHashMap<>();
        synchronized (lock) {
            if (!faultsArmed) {
                return;
            }
            armed.forEach((t, ids) -> expected.put(t, new HashSet<>(ids.keySet())));
        }
        for (Map.Entry<Integer, Set<String>> e : expected.entrySet()) {
            ChaosTarget target = targets.get(e.getKey());
            try {
                Set<String> present = new HashSet<>();
                for (RuleCounters r : target.rules()) {
                    present.add(r.id());
                }
                Set<String> missing = new HashSet<>(e.getValue());
                missing.removeAll(present);
                synchronized (lock) {
                    Map<String, Integer> now = armed.get(e.getKey());
                    if (now != null) {
                        missing.retainAll(now.keySet());
                    }
                }
                if (!missing.isEmpty()) {
                    tripped("emergency stop: rules removed on " + target.name() + " (kill switch)",
                            missing.size() + " of " + e.getValue().size() + " rules gone: "
                                    + new java.util.TreeSet<>(missing));
                    return;
                }
            } catch (Exception ex) {
                tripped("target unreachable: " + target.name(), ex.toString());
                return;
            }
        }
    }

    private void endWindow(String why) {
        synchronized (lock) {
            disarmLocked(why);
        }
    }

    private void awaitRecovery(int episode, List<Probe> probes) {
        if (probes.isEmpty() || windows.isEmpty()) {
            return;
        }
        FaultWindow w = windows.get(windows.size() - 1);
        long deadline = nowNanos() + definition.recoveryTimeout().toNanos();
        while (nowNanos() < deadline && stopReason == null) {
            if (Analysis.recoveredAt(w, Long.MAX_VALUE, snapshot(), definition.healthySamples()) >= 0) {
                long at = Analysis.recoveredAt(w, Long.MAX_VALUE, snapshot(), definition.healthySamples());
                event("chaos", "episode " + episode + " recovered " + Math.max(0, at - w.endMillis())
                        + " ms after fault removal");
                return;
            }
            sleepTick();
            report();
        }
        if (stopReason == null) {
            event("chaos", "episode " + episode + " not recovered within "
                    + Durations.format(definition.recoveryTimeout()));
        }
    }

    // ---- disarming ------------------------------------------------------------------------------------------

    /** Disarms every rule armed now and closes the open window; the caller holds {@link #lock}. */
    private void disarmLocked(String why) {
        if (!faultsArmed && armed.isEmpty()) {
            return;
        }
        boolean closing = faultsArmed && !why.startsWith("ramp step");
        if (closing && !windows.isEmpty()) {
            FaultWindow last = windows.get(windows.size() - 1);
            if (!last.ended()) {
                // the window ends before the faults go, so that no sample tagged with it runs without them
                activeEpisode = 0;
                windows.set(windows.size() - 1, new FaultWindow(last.index(), last.startNanos(), nowNanos()));
            }
        }
        long injectedNow = 0;
        for (Map.Entry<Integer, Map<String, Integer>> e : armed.entrySet()) {
            ChaosTarget target = targets.get(e.getKey());
            Map<String, RuleCounters> counters = new LinkedHashMap<>();
            try {
                for (RuleCounters r : target.rules()) {
                    counters.put(r.id(), r);
                }
            } catch (Exception ex) {
                EngineLog.warn("cannot read rule counters of " + target.name() + ": " + ex);
            }
            for (Map.Entry<String, Integer> id : e.getValue().entrySet()) {
                RuleCounters r = counters.get(id.getKey());
                String key = JournalAssembly.countKey(e.getKey(), id.getValue());
                long[] c = faultCounts.computeIfAbsent(key, k -> new long[2]);
                if (r != null) {
                    c[0] += r.matched();
                    c[1] += r.injected();
                    injectedNow += r.injected();
                }
                try {
                    target.disarm(id.getKey());
                } catch (Exception ex) {
                    EngineLog.warn("cannot disarm " + id.getKey() + " on " + target.name() + " (its lease ends it): "
                            + ex);
                }
            }
            event(target.name(), "disarmed " + e.getValue().size() + " rule(s): " + why);
        }
        armed.clear();
        if (!windowInjections.isEmpty()) {
            int i = windowInjections.size() - 1;
            windowInjections.set(i, windowInjections.get(i) + injectedNow);
        }
        if (closing) {
            faultsArmed = false;
            event("chaos", "episode " + windows.size() + " ended, faults removed (" + why + ")");
        }
    }

    private void disarmEverything(String why) {
        synchronized (lock) {
            disarmLocked(why);
        }
    }

    /** An abort condition tripped (called from sampler threads). */
    private void tripped(String condition, String measured) {
        synchronized (lock) {
            if (!faultsArmed || abort != null) {
                return;
            }
            abortLocked(condition, measured);
        }
    }

    private void abortLocked(String condition, String measured) {
        long at = nowMillis();
        event("abort", "ABORT: " + condition + " (measured " + measured + ")");
        disarmLocked("aborted");
        abort = new Journal.Abort(condition, measured, at, nowMillis());
    }

    // ---- sampling -------------------------------------------------------------------------------------------

    private void onSample(Sample s) {
        if (faultsArmed) {
            watch.onSample(s, snapshot(), nowNanos());
        }
    }

    private void checkJmx(AbortCondition.JmxThreshold j, MBeanServerConnection server) {
        if (!faultsArmed || server == null) {
            return;
        }
        try {
            Object v = server.getAttribute(new ObjectName(j.mbean()), j.attribute());
            if (j.comparison().test(v)) {
                tripped(j.describe(), j.attribute() + "=" + v);
            }
        } catch (Exception e) {
            EngineLog.warnOnce("jmx-abort-" + j.mbean(), "cannot read " + j.mbean() + " " + j.attribute()
                    + " for an abort condition: " + e);
        }
    }

    private List<Sample> snapshot() {
        ProbeSampler s = sampler;
        return s == null ? List.of() : s.snapshot();
    }

    // ---- setup ----------------------------------------------------------------------------------------------

    private List<Probe> probes() {
        List<Probe> out = new ArrayList<>();
        HttpClient http = Probes.httpClient();
        for (ProbeDefinition d : definition.probes()) {
            out.add(Probes.create(d, mbeansFor(d.target()), inProcess, http));
        }
        out.addAll(extraProbes);
        return out;
    }

    private MBeanServerConnection mbeansFor(String targetName) {
        if (targetName == null) {
            return targets.get(0).mbeans();
        }
        for (ChaosTarget t : targets) {
            if (t.name().equals(targetName)) {
                return t.mbeans();
            }
        }
        throw new IllegalArgumentException("no target named '" + targetName + "' (targets: " + targetNames() + ")");
    }

    private List<AbortCondition.JmxThreshold> jmxConditions() {
        List<AbortCondition.JmxThreshold> out = new ArrayList<>();
        for (AbortCondition c : definition.abort()) {
            if (c instanceof AbortCondition.JmxThreshold j) {
                mbeansFor(j.target());
                out.add(j);
            }
        }
        return out;
    }

    private void enableTargets() {
        for (int t : new java.util.TreeSet<>(selected)) {
            ChaosTarget target = targets.get(t);
            try {
                if (!target.isEnabled()) {
                    target.enable();
                    event(target.name(), "chaos enabled");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(target.name() + " refused to enable chaos: " + e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException(target.name() + " is unreachable: " + e, e);
            }
        }
    }

    private List<String> targetNames() {
        return targets.stream().map(ChaosTarget::name).toList();
    }

    private List<String> selectedNames() {
        List<String> out = new ArrayList<>();
        for (int t : new java.util.TreeSet<>(selected)) {
            out.add(targets.get(t).name());
        }
        return out;
    }

    // ---- time -----------------------------------------------------------------------------------------------

    private long nowNanos() {
        return System.nanoTime() - startNanos;
    }

    private long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos());
    }

    private void waitUntil(Duration atLeast, java.util.function.BooleanSupplier also, Duration atMost) {
        long min = atLeast.toNanos();
        long max = atMost.toNanos();
        while (stopReason == null && nowNanos() < max && (nowNanos() < min || !also.getAsBoolean())) {
            sleepTick();
            report();
        }
    }

    private void sleepTick() {
        try {
            Thread.sleep(TICK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("interrupted");
        }
    }

    private long lastReport;

    private void report() {
        long now = System.nanoTime();
        if (now - lastReport < TimeUnit.MILLISECONDS.toNanos(500)) {
            return;
        }
        lastReport = now;
        List<Sample> all = snapshot();
        int failed = 0;
        int n = 0;
        int episode = activeEpisode;
        for (Sample s : all) {
            if (s.episode() == episode) {
                n++;
                if (s.outcome() == Outcome.FAILED) {
                    failed++;
                }
            }
        }
        Duration elapsed = Duration.ofNanos(nowNanos());
        Duration remaining = definition.plannedFaultTime().minus(elapsed);
        try {
            progress.accept(new Progress(phase, elapsed, remaining.isNegative() ? Duration.ZERO : remaining,
                    all.size(), n == 0 ? 0 : (double) failed / n));
        } catch (RuntimeException e) {
            EngineLog.warnOnce("progress", "progress listener failed: " + e);
        }
    }

    private void event(String source, String description) {
        TimelineEvent e = new TimelineEvent(nowMillis(), source, description);
        timeline.add(e);
        try {
            events.accept(e);
        } catch (RuntimeException ex) {
            EngineLog.warnOnce("events", "event listener failed: " + ex);
        }
    }

    // ---- the journal ----------------------------------------------------------------------------------------

    private Journal journal(Instant wallStart, SloTargets sloTargets, List<Probe> probes, String failure) {
        Map<String, String> probeTargets = new LinkedHashMap<>();
        for (Probe p : probes) {
            probeTargets.put(p.name(), p.target());
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        faultCounts.forEach((k, v) -> counts.put(k, v.clone()));
        return JournalAssembly.assemble(new JournalAssembly.RunFacts(definition, environment, dryRun,
                targetNames(), Set.copyOf(selected), wallStart, Instant.now(), sloTargets, probeTargets, failure,
                baselineAtDecision, abort, stopReason, snapshot(), List.copyOf(windows),
                List.copyOf(windowInjections), counts, Map.copyOf(rulesArmedPerTarget), List.copyOf(timeline)));
    }
}
