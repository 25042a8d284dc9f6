package dev.chaosmonkey.junit.internal;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.AssertionFailedError;

import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosEventListener;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.ChaosScope;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.RuleInfo;
import dev.chaosmonkey.experiment.Analysis;
import dev.chaosmonkey.experiment.FaultWindow;
import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.Episode;
import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.PhaseStats;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.ProbeSample;
import dev.chaosmonkey.junit.TimelineEvent;

/**
 * One running chaos experiment: samples the probe on a background thread, arms and disarms faults in episodes,
 * records a timeline and computes the measurements. {@link #close()} always disarms what it armed, stops sampling
 * and restores the monkey's enabled state.
 */
public final class Experiment implements ChaosControl, TimelineSink, AutoCloseable {
    private final ExperimentSettings settings;
    private final ChaosMonkey monkey;
    private final Probe probe;
    private final long startNanos = System.nanoTime();
    private final List<ProbeSample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<TimelineEvent> timeline = Collections.synchronizedList(new ArrayList<>());
    private final List<ComponentRecording> recordings = new CopyOnWriteArrayList<>();
    private final Set<String> armed = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> injectedOnce = ConcurrentHashMap.newKeySet();
    private final List<EpisodeState> episodes = new CopyOnWriteArrayList<>();
    private final ChaosEventListener listener = this::onChaosEvent;
    private boolean enabled;
    private ScheduledExecutorService sampler;
    private volatile boolean closed;
    /** Index of the episode whose faults are armed, 0 when none: read by the sampler to tag its samples. */
    private volatile int activeEpisode;

    /** Mutable state of one episode. */
    private static final class EpisodeState {
        final int index;
        final List<String> faults = new CopyOnWriteArrayList<>();
        final long startNanos;
        volatile long endNanos = -1;
        volatile long injections;

        EpisodeState(int index, long startNanos) {
            this.index = index;
            this.startNanos = startNanos;
        }

        long startMillis() {
            return startNanos / 1_000_000;
        }

        long endMillis() {
            return endNanos < 0 ? -1 : endNanos / 1_000_000;
        }
    }

    /** Creates the experiment; nothing runs before {@link #start()}. */
    public Experiment(ExperimentSettings settings, ChaosMonkey monkey, Probe probe) {
        this.settings = settings;
        this.monkey = monkey;
        this.probe = probe;
    }

    /** The settings. */
    public ExperimentSettings settings() {
        return settings;
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /**
     * Enables chaos, starts sampling and samples the baseline.
     *
     * @throws AssertionFailedError if the steady state does not hold during the baseline
     */
    public void start() {
        monkey.addListener(listener);
        SharedEnablement.acquire(monkey);
        enabled = true;
        event("chaos", "experiment started in scope " + settings.scope() + (settings.exclusive()
                ? " (exclusive: a fault acts process-wide)" : " (shared: all faults scoped)")
                + (probe == null ? " (no steady-state probe)" : ", probe " + probe.name()));
        if (probe != null) {
            sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chaos-probe-" + settings.reportName());
                t.setDaemon(true);
                return t;
            });
            // fixed rate: the sample spacing is the interval, not interval + probe latency
            sampler.scheduleAtFixedRate(this::sampleOnce, 0, settings.sampleInterval().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        long baselineEnd = settings.baseline().toMillis();
        await("baseline of " + settings.baseline()).atMost(settings.baseline().plusSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> nowMillis() >= baselineEnd && (probe == null || !samples.isEmpty()));
        event("chaos", "baseline done");
        if (probe != null) {
            PhaseStats baseline = PhaseStats.of("baseline", snapshotSamples());
            if (baseline.errorRate() > settings.targets().maxErrorRate() + 1e-9) {
                String firstError = snapshotSamples().stream().filter(s -> s.error() != null).map(ProbeSample::error)
                        .findFirst().orElse("probe returned FAILED");
                throw new AssertionFailedError("steady state does not hold before any fault was injected: error rate "
                        + DurationText.percent(baseline.errorRate()) + " in the baseline, target <= "
                        + DurationText.percent(settings.targets().maxErrorRate()) + " (first error: " + firstError
                        + ")");
            }
        }
    }

    /** Runs the declared faults: {@code episodes} times arm, wait the fault window, disarm, wait for recovery. */
    public void runDeclaredEpisodes() {
        for (int i = 0; i < settings.episodes(); i++) {
            injectRules(settings.faults(), settings.faultWindow());
            if (probe != null) {
                awaitRecoveryQuietly();
            }
        }
    }

    /** Disarms what this experiment armed, stops sampling and observation, restores the enabled state. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            disarmAll();
        } finally {
            if (sampler != null) {
                sampler.shutdown();
                try {
                    if (!sampler.awaitTermination(5, TimeUnit.SECONDS)) {
                        sampler.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    sampler.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
            for (ComponentRecording r : recordings) {
                r.stop();
            }
            Recordings.unregister(recordings);
            monkey.removeListener(listener);
            if (enabled) {
                enabled = false;
                SharedEnablement.release(monkey);
            }
        }
    }

    /** Stops sampling (measurements are final from here on). */
    public void stopSampling() {
        if (sampler != null) {
            sampler.shutdown();
            try {
                sampler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- sampling -------------------------------------------------------------------------------------------

    private void sampleOnce() {
        if (closed) {
            return;
        }
        int episode = activeEpisode;
        long offset = nowNanos();
        long t0 = System.nanoTime();
        ProbeOutcome outcome;
        String error = null;
        try (ChaosScope ignored = ChaosScope.open(settings.scope())) { // the probe's calls are the experiment's
            outcome = probe.sample();
            if (outcome == null) {
                outcome = ProbeOutcome.HEALTHY;
            }
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError v) {
                throw v;
            }
            outcome = ProbeOutcome.FAILED;
            error = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        samples.add(new ProbeSample(offset, System.nanoTime() - t0, outcome, error, episode));
    }

    private List<ProbeSample> snapshotSamples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    // ---- timeline -------------------------------------------------------------------------------------------

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos());
    }

    private long nowNanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public void event(String source, String description) {
        timeline.add(new TimelineEvent(nowMillis(), source, description));
    }

    private void onChaosEvent(ChaosEvent e) {
        if (e.type() == ChaosEvent.Type.INJECTED && e.ruleId() != null && armed.contains(e.ruleId())
                && injectedOnce.add(e.ruleId())) {
            event("chaos", "first injection by rule " + e.ruleId() + (e.dryRun() ? " (dry run)" : ""));
        } else if (e.type() == ChaosEvent.Type.EXPIRED && e.ruleId() != null && armed.contains(e.ruleId())) {
            event("chaos", "rule " + e.ruleId() + " expired");
        }
    }

    // ---- ChaosControl ---------------------------------------------------------------------------------------

    @Override
    public String arm(String spec) {
        return armRules(List.of(scoped(FaultSpec.parse(spec)))).get(0);
    }

    @Override
    public String scope() {
        return settings.scope();
    }

    /**
     * A rule armed through ChaosControl, scoped like the experiment's declared faults. A process-wide rule is
     * refused while the experiment holds the chaos lock shared: other experiments may be running.
     */
    private ChaosRule scoped(ChaosRule rule) {
        ChaosRule r = ExperimentScopes.applyScope(rule, settings.armScope(), settings.scope());
        if (r.scope() == null && !settings.exclusive()) {
            throw new IllegalStateException("'" + rule.toSpec() + "' acts on the whole process (resource faults"
                    + " cannot be scoped), but " + settings.testName() + " holds the chaos lock shared because its"
                    + " declared faults are all scoped, so other experiments may be running: declare it as a @Fault"
                    + " or use @ChaosExperiment(scope = FaultScope.GLOBAL) to run the experiment alone");
        }
        return r;
    }

    private synchronized List<String> armRules(List<ChaosRule> rules) {
        if (closed) {
            throw new IllegalStateException("the experiment has ended");
        }
        EpisodeState current = openEpisode();
        long armStart = nowNanos(); // before arming: samples running from here on may meet the fault
        List<String> ids = monkey.armAll(rules);
        if (current == null) {
            current = new EpisodeState(episodes.size() + 1, armStart);
            episodes.add(current);
            event("chaos", "episode " + current.index + " started");
        }
        for (int i = 0; i < ids.size(); i++) {
            armed.add(ids.get(i));
            String spec = monkey.rule(ids.get(i)).map(RuleInfo::getSpec).orElse(rules.get(i).toSpec());
            current.faults.add(spec);
            event("chaos", "armed " + ids.get(i) + ": " + spec);
        }
        activeEpisode = current.index;
        return ids;
    }

    private EpisodeState openEpisode() {
        if (episodes.isEmpty()) {
            return null;
        }
        EpisodeState last = episodes.get(episodes.size() - 1);
        return last.endNanos < 0 ? last : null;
    }

    @Override
    public synchronized void disarm(String ruleId) {
        if (!armed.contains(ruleId)) {
            throw new IllegalArgumentException("rule '" + ruleId + "' was not armed by this experiment; armed: "
                    + armed);
        }
        EpisodeState current = openEpisode();
        boolean last = armed.size() == 1;
        if (last && current != null) {
            // end the window before the fault goes, so that no sample tagged with the episode runs without it
            activeEpisode = 0;
            current.endNanos = nowNanos();
        }
        long injected = monkey.rule(ruleId).map(RuleInfo::getInjected).orElse(0L);
        monkey.disarm(ruleId);
        armed.remove(ruleId);
        event("chaos", "disarmed " + ruleId + " after " + injected + " injections");
        if (current != null) {
            current.injections += injected;
            if (last) {
                event("chaos", "episode " + current.index + " ended, faults removed");
            }
        }
    }

    @Override
    public synchronized void disarmAll() {
        for (String id : List.copyOf(armed)) {
            disarm(id);
        }
    }

    @Override
    public List<String> armedRules() {
        synchronized (armed) {
            return List.copyOf(armed);
        }
    }

    @Override
    public void injectFor(Duration window, String... specs) {
        List<ChaosRule> rules = new ArrayList<>();
        for (String spec : specs) {
            rules.add(scoped(FaultSpec.parse(spec)));
        }
        injectRules(rules, window);
    }

    private void injectRules(List<ChaosRule> rules, Duration window) {
        List<String> ids = armRules(rules);
        try {
            long until = nowMillis() + window.toMillis();
            await("fault window of " + window).atMost(window.plusSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> nowMillis() >= until);
        } finally {
            synchronized (this) {
                for (String id : ids) {
                    if (armed.contains(id)) {
                        disarm(id);
                    }
                }
            }
        }
    }

    @Override
    public Duration awaitRecovery() {
        if (episodes.isEmpty()) {
            throw new IllegalStateException("no fault episode ran yet: arm a fault first");
        }
        if (!armed.isEmpty()) {
            throw new IllegalStateException("faults are still armed: " + armed + "; disarm them first");
        }
        if (probe == null) {
            throw new IllegalStateException("recovery needs a @SteadyStateProbe, the test class has none");
        }
        EpisodeState last = episodes.get(episodes.size() - 1);
        Duration d = awaitRecoveryQuietly();
        if (d == null) {
            List<ProbeSample> tail = snapshotSamples();
            String lastSeen = tail.isEmpty() ? "no samples" : tail.get(tail.size() - 1).outcome()
                    + (tail.get(tail.size() - 1).error() == null ? "" : " " + tail.get(tail.size() - 1).error());
            throw new AssertionFailedError("the system did not recover within " + DurationText.format(
                    settings.recoveryTimeout()) + " after the faults of episode " + last.index
                    + " were removed (last sample: " + lastSeen + ")");
        }
        return d;
    }

    /** Waits for the last episode's recovery if the test did not; no-op without a probe or episodes. */
    public void completeRecovery() {
        if (probe != null && !episodes.isEmpty()
                && recoveredAt(episodes.get(episodes.size() - 1), snapshotSamples()) < 0) {
            awaitRecoveryQuietly();
        }
    }

    /** Waits for recovery of the last episode; the recovery time, or {@code null} on timeout. */
    private Duration awaitRecoveryQuietly() {
        EpisodeState last = episodes.get(episodes.size() - 1);
        try {
            await("recovery after episode " + last.index).atMost(settings.recoveryTimeout())
                    .pollInterval(settings.sampleInterval())
                    .until(() -> recoveredAt(last, snapshotSamples()) >= 0);
        } catch (ConditionTimeoutException e) {
            event("chaos", "episode " + last.index + " not recovered within "
                    + DurationText.format(settings.recoveryTimeout()));
            return null;
        }
        long at = recoveredAt(last, snapshotSamples());
        event("chaos", "episode " + last.index + " recovered " + (at - last.endMillis()) + " ms after fault removal");
        return Duration.ofMillis(Math.max(0, at - last.endMillis()));
    }

    @Override
    public void observe(Object component) {
        List<ComponentRecording> added = ResilienceSupport.observe(component, this);
        if (added.isEmpty() && !Recordings.contains(component)) {
            throw new IllegalArgumentException("cannot observe " + (component == null ? "null"
                    : component.getClass().getName()) + ": not a Resilience4j CircuitBreaker, Retry, Bulkhead,"
                    + " TimeLimiter or registry of them (or its module is not on the class path)");
        }
        addRecordings(component, added);
    }

    /** Observes {@code candidate} if it is a Resilience4j component; silently ignores anything else. */
    public void observeIfComponent(Object candidate) {
        if (candidate != null && !Recordings.contains(candidate)) {
            addRecordings(candidate, ResilienceSupport.observe(candidate, this));
        }
    }

    private void addRecordings(Object component, List<ComponentRecording> added) {
        recordings.addAll(added);
        for (ComponentRecording r : added) {
            event(r.key(), "observed" + (r.states().isEmpty() ? "" : " in state " + r.states().get(0)));
        }
    }

    @Override
    public ExperimentResult result() {
        return result(List.of());
    }

    @Override
    public ChaosMonkey monkey() {
        return monkey;
    }

    // ---- measurements ---------------------------------------------------------------------------------------

    /** The measurements, with {@code checks} as SLO checks. */
    public ExperimentResult result(List<SloCheck> checks) {
        List<ProbeSample> all = snapshotSamples();
        List<EpisodeState> eps = List.copyOf(episodes);
        List<FaultWindow> windows = windows(eps);
        List<ProbeSample> baseline = new ArrayList<>();
        List<ProbeSample> window = new ArrayList<>();
        List<ProbeSample> recovery = new ArrayList<>();
        for (ProbeSample s : all) {
            switch (Analysis.phaseOf(EngineTypes.sample(s), windows)) {
                case FAULT_WINDOW -> window.add(s);
                case BASELINE -> baseline.add(s);
                default -> recovery.add(s);
            }
        }
        List<Episode> episodeResults = new ArrayList<>();
        for (EpisodeState e : eps) {
            long injections = e.injections;
            if (e.endNanos < 0) {
                for (String id : armedRules()) {
                    injections += monkey.rule(id).map(RuleInfo::getInjected).orElse(0L);
                }
            }
            episodeResults.add(new Episode(e.index, List.copyOf(e.faults), e.startMillis(), e.endMillis(), injections,
                    probe == null && recordings.isEmpty() ? -1 : detectedAt(e, all),
                    probe == null ? -1 : recoveredAt(e, all)));
        }
        Map<String, Map<String, Long>> components = new LinkedHashMap<>();
        for (ComponentRecording r : recordings) {
            Map<String, Long> counters = new LinkedHashMap<>(r.counters());
            components.put(r.key(), counters);
        }
        List<TimelineEvent> events;
        synchronized (timeline) {
            events = new ArrayList<>(timeline);
        }
        events.sort((a, b) -> Long.compare(a.offsetMillis(), b.offsetMillis()));
        return new ExperimentResult(settings.testName(), settings.hypothesis(), settings.environment(),
                settings.scope(), settings.exclusive(), probe == null ? null : probe.name(), PhaseStats.of("baseline", baseline),
                PhaseStats.of("fault window", window), PhaseStats.of("recovery", recovery), episodeResults, all,
                events, components, settings.targets(), checks);
    }

    /** The circuit breaker state paths, by component key. */
    public Map<String, List<String>> statePaths() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (ComponentRecording r : recordings) {
            if (!r.states().isEmpty()) {
                m.put(r.key(), r.states());
            }
        }
        return m;
    }

    /** The episodes as the engine's fault windows. */
    private static List<FaultWindow> windows(List<EpisodeState> eps) {
        List<FaultWindow> out = new ArrayList<>();
        for (EpisodeState e : eps) {
            out.add(new FaultWindow(e.index, e.startNanos, e.endNanos));
        }
        return out;
    }

    private long nextStart(EpisodeState e) {
        return Analysis.nextStartMillis(windows(List.copyOf(episodes)), e.index);
    }

    /** First non-healthy sample or breaker opening in the episode (the engine's {@link Analysis#detectedAt}). */
    private long detectedAt(EpisodeState e, List<ProbeSample> all) {
        List<Long> openings = new ArrayList<>();
        for (ComponentRecording r : recordings) {
            openings.addAll(r.openedAtMillis());
        }
        return Analysis.detectedAt(new FaultWindow(e.index, e.startNanos, e.endNanos), nextStart(e),
                EngineTypes.samples(all), openings);
    }

    /**
     * Start of the first run of {@code healthySamples} consecutive healthy samples that ends after the fault was
     * removed (the engine's {@link Analysis#recoveredAt}); -1 if there is none yet or the episode is still running.
     */
    private long recoveredAt(EpisodeState e, List<ProbeSample> all) {
        return Analysis.recoveredAt(new FaultWindow(e.index, e.startNanos, e.endNanos), nextStart(e),
                EngineTypes.samples(all), settings.healthySamples());
    }

    /** The settings' report name. */
    public String reportName() {
        return settings.reportName();
    }

    /** Ids of rules armed now by this experiment (for tests of the extension). */
    Set<String> armedIds() {
        return Set.copyOf(armed);
    }
}
