package dev.chaosmonkey.experiment.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import dev.chaosmonkey.experiment.Durations;
import dev.chaosmonkey.experiment.Outcome;
import dev.chaosmonkey.experiment.Probe;
import dev.chaosmonkey.experiment.Sample;

/**
 * Samples probes at a fixed rate on daemon threads (the spacing is the interval, not interval plus probe latency),
 * tags each sample with the episode armed when it started, and keeps them in time order of completion.
 */
public final class ProbeSampler implements AutoCloseable {
    private final long startNanos;
    private final IntSupplier activeEpisode;
    private final Consumer<Sample> onSample;
    private final ScheduledThreadPoolExecutor executor;
    private final List<ScheduledFuture<?>> futures = new ArrayList<>();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

    /**
     * A sampler.
     *
     * @param startNanos {@link System#nanoTime()} at the experiment's start (sample offsets count from it)
     * @param activeEpisode the episode whose faults are armed now, 0 when none
     * @param onSample called on the sampling thread after each sample was recorded
     * @param threads how many tasks may run at once (probes plus periodic checks)
     */
    public ProbeSampler(long startNanos, IntSupplier activeEpisode, Consumer<Sample> onSample, int threads) {
        this.startNanos = startNanos;
        this.activeEpisode = activeEpisode;
        this.onSample = onSample;
        this.executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "chaos-experiment-probe");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Samples {@code p} from now on, every {@code p.interval()} (fixed rate). */
    public synchronized void schedule(Probe p) {
        futures.add(executor.scheduleAtFixedRate(() -> sampleOnce(p), 0, p.interval().toNanos(),
                TimeUnit.NANOSECONDS));
    }

    /** Runs {@code task} every {@code interval}, first after one interval. */
    public synchronized void every(Duration interval, Runnable task) {
        futures.add(executor.scheduleAtFixedRate(task, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS));
    }

    private void sampleOnce(Probe p) {
        int episode = activeEpisode.getAsInt();
        long offset = System.nanoTime() - startNanos;
        long t0 = System.nanoTime();
        Outcome outcome;
        String error;
        try {
            Probe.Result r = p.sample();
            outcome = r == null ? Outcome.HEALTHY : r.outcome();
            error = r == null ? null : r.detail();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception | LinkageError e) {
            outcome = Outcome.FAILED;
            error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long latency = System.nanoTime() - t0;
        if (latency > p.timeout().toNanos() && outcome != Outcome.FAILED) {
            outcome = Outcome.FAILED;
            error = "slower than the probe timeout " + Durations.format(p.timeout());
        }
        Sample s = new Sample(p.name(), offset, latency, outcome, error, episode);
        samples.add(s);
        try {
            onSample.accept(s);
        } catch (RuntimeException e) {
            EngineLog.error("handling a sample failed", e);
        }
    }

    /** The samples so far. */
    public List<Sample> snapshot() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    /** Whether every probe has at least one sample. */
    public boolean haveSampleOfEach(List<Probe> probes) {
        Set<String> seen = new HashSet<>();
        for (Sample s : snapshot()) {
            seen.add(s.probe());
        }
        for (Probe p : probes) {
            if (!seen.contains(p.name())) {
                return false;
            }
        }
        return true;
    }

    /** Stops sampling; waits up to 10 s for running samples. */
    @Override
    public synchronized void close() {
        for (ScheduledFuture<?> f : futures) {
            f.cancel(false);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
