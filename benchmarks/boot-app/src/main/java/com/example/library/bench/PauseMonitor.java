package com.example.library.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queries the database about every millisecond on its own thread (through the application's pooled
 * {@code DataSource}, so the query runs through the same JDBC classes as the pages) and keeps, per window, the
 * number of answers, failures and the longest gap between two consecutive answers. The benchmark reads and resets
 * the window over HTTP ({@link PauseController}) before and after arming a rule, so the gap it reports is the pause
 * the application saw while the rule was armed.
 */
@Component
@ConditionalOnBooleanProperty("bench.pause-monitor")
public class PauseMonitor implements InitializingBean, DisposableBean {
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final JdbcTemplate jdbc;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong maxGapNanos = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    public PauseMonitor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        thread = new Thread(this::run, "bench-pause-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long last = System.nanoTime();
        while (running) {
            try {
                jdbc.queryForObject("select count(*) from books where genre_id = ?", Integer.class, 1);
                calls.incrementAndGet();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
            long now = System.nanoTime();
            long gap = now - last;
            maxGapNanos.accumulateAndGet(gap, Math::max);
            last = now;
            LockSupport.parkNanos(PACE_NANOS);
        }
    }

    /** The window since the last call, then a new window starts. */
    public Window takeWindow() {
        return new Window(calls.getAndSet(0), failures.getAndSet(0), maxGapNanos.getAndSet(0) / 1_000_000.0);
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    /**
     * One measurement window.
     *
     * @param calls queries answered
     * @param failures queries that threw
     * @param maxGapMillis longest time between two consecutive answers (includes the 1 ms pacing)
     */
    public record Window(long calls, long failures, double maxGapMillis) {
    }
}
