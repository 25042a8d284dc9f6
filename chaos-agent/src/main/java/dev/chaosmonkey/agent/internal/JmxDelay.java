package dev.chaosmonkey.agent.internal;

import javax.management.MBeanServerFactory;

/**
 * When the agent registers its MBeans after a {@code -javaagent} start: as soon as the platform MBean server exists
 * (something in the application, a JMX connector such as the JDK's local management agent that jconsole or VisualVM
 * start, a {@code -Dcom.sun.management.jmxremote} port, or Jolokia created it), at the latest {@value #DEFAULT_MILLIS}
 * ms after start ({@code -Dchaos.agent.jmx-delay-ms}, 0 for at once). Creating the platform MBean server costs 50-150
 * ms of CPU (hundreds of JMX, management and JFR classes); done early it competes with the application's own
 * start-up on a small machine, while nothing can reach the MBeans before a connector exists, and a connector creates
 * the server, which the agent then sees within {@value #POLL_MILLIS} ms. The attach CLI does not wait: an attach
 * registers at once. The agent's start-up log lines wait {@value #LOG_MILLIS} ms at most.
 */
final class JmxDelay {
    static final long DEFAULT_MILLIS = 60_000;
    /** The log lines held in premain are released this long after start at the latest (or with the MBeans). */
    static final long LOG_MILLIS = 3000;
    /** How often the daemon thread looks for a platform MBean server, for the first {@value #FAST_POLL_MILLIS} ms. */
    static final long POLL_MILLIS = 25;
    static final long FAST_POLL_MILLIS = 10_000;
    /** How often it looks after that. */
    static final long SLOW_POLL_MILLIS = 250;

    private JmxDelay() {
    }

    /** The latest registration time ({@code System.nanoTime()}) for a start at {@code startNanos}. */
    static long deadline(long startNanos) {
        long millis = Math.max(0, Long.getLong("chaos.agent.jmx-delay-ms", DEFAULT_MILLIS));
        return startNanos + millis * 1_000_000;
    }

    /**
     * Returns {@code true} once an MBean server exists, {@code false} at {@code deadlineNanos} (or when the thread is
     * interrupted) if none does.
     */
    static boolean awaitPlatformServer(long startNanos, long deadlineNanos) {
        while (true) {
            // servers created through MBeanServerFactory.createMBeanServer, which the platform server is
            if (!MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return false;
            }
            long poll = now - startNanos < FAST_POLL_MILLIS * 1_000_000 ? POLL_MILLIS : SLOW_POLL_MILLIS;
            try {
                Thread.sleep(Math.max(1, Math.min(poll, (deadlineNanos - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
