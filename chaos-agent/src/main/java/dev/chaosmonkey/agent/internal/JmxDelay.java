package dev.chaosmonkey.agent.internal;

import javax.management.MBeanServerFactory;

/**
 * When the agent registers its MBeans after a {@code -javaagent} start: as soon as the platform MBean server exists
 * (something in the application, a JMX connector such as the JDK's local management agent that jconsole or VisualVM
 * start, or Jolokia created it), at the latest {@value #DEFAULT_MILLIS} ms after start
 * ({@code -Dchaos.agent.jmx-delay-ms}, 0 for at once). Creating the platform MBean server costs 50-150 ms of CPU
 * (hundreds of JMX and management classes); done right away it competes with the application's own start-up on a
 * small machine, while nothing can reach the MBeans before a connector exists. The attach CLI does not wait: an
 * attach registers at once.
 */
final class JmxDelay {
    static final long DEFAULT_MILLIS = 3000;
    /** How often the daemon thread looks for a platform MBean server. */
    static final long POLL_MILLIS = 25;

    private JmxDelay() {
    }

    /** Returns once an MBean server exists or the delay is over (or the thread is interrupted). */
    static void awaitPlatformServer() {
        long millis = Math.max(0, Long.getLong("chaos.agent.jmx-delay-ms", DEFAULT_MILLIS));
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            // servers created through MBeanServerFactory.createMBeanServer, which the platform server is
            if (!MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
