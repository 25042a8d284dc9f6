package dev.chaosmonkey.core.resource;

import dev.chaosmonkey.core.internal.ChaosLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.chaosmonkey.core.ResourceFault;

/**
 * Running connection exhaustion: a chaos thread borrows connections one by one (a borrow may wait for the pool's
 * timeout, so this never happens on the arming thread) and keeps them until stopped; stopping closes them all.
 */
final class ConnectionHoldRun implements ResourceFault.Running {
    private final ConnectionSource source;
    private final int count;
    private final List<AutoCloseable> held = new ArrayList<>();
    private final Thread borrower;
    private volatile boolean stopped;
    private boolean failureLogged;

    /** Starts borrowing {@code count} connections from {@code source}. */
    public ConnectionHoldRun(String ruleId, ConnectionSource source, int count) {
        this.source = source;
        this.count = count;
        this.borrower = ChaosThreads.start(ruleId, "connections", this::borrowAll);
    }

    private void borrowAll() {
        while (!stopped && heldCount() < count) {
            AutoCloseable connection;
            try {
                connection = source.borrow();
            } catch (Exception e) {
                if (!stopped) {
                    if (!failureLogged) {
                        failureLogged = true;
                        ChaosLog.warn("chaos: borrowing from " + source + " failed with " + heldCount() + " of "
                                + count + " held; retrying every " + ConnectionExhaustionFault.RETRY_MILLIS
                                + " ms (logged once): " + e);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ConnectionExhaustionFault.RETRY_MILLIS));
                }
                continue;
            }
            boolean keep;
            synchronized (held) {
                keep = !stopped;
                if (keep) {
                    held.add(connection);
                }
            }
            if (!keep) {
                close(connection);
            }
        }
    }

    private int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    private static void close(AutoCloseable connection) {
        try {
            connection.close();
        } catch (Exception e) {
            ChaosLog.warn("chaos: returning a held connection failed: " + e);
        }
    }

    @Override
    public void stop() {
        List<AutoCloseable> toClose;
        synchronized (held) {
            stopped = true;
            toClose = new ArrayList<>(held);
            held.clear();
        }
        borrower.interrupt();
        for (AutoCloseable c : toClose) {
            close(c);
        }
        ChaosThreads.joinAll(List.of(borrower), 1000);
    }

    @Override
    public Map<String, Long> holdings() {
        return Map.of(ConnectionExhaustionFault.CONNECTIONS_HELD, (long) heldCount(),
                ConnectionExhaustionFault.CONNECTIONS_WANTED, (long) count);
    }
}
