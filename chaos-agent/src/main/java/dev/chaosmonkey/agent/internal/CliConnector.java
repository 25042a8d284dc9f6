package dev.chaosmonkey.agent.internal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The JMX connector the CLI talks through, opened on the CLI's request and closed when the CLI is done.
 *
 * <p>Security model: only someone who can use the attach API on this JVM (the same OS user, or root) can ask for
 * it. The CLI passes a random token through the attach channel ({@code cli-connector=<nonce>:<token>}); the
 * connector listens on the loopback address only, accepts only that token, and its address (not the token) is
 * published as the system property {@code dev.chaosmonkey.agent.cli-connector.<nonce>}, which the CLI reads through
 * the attach API. It closes as soon as its connection closes, after {@value #IDLE_SECONDS} s without a connection,
 * and after {@value #LIFETIME_SECONDS} s in any case (an open RMI connector keeps the JVM from exiting, so it must not
 * outlive the CLI). The JDK's own management agent is never started.
 */
final class CliConnector {
    /** System property prefix under which the connector address is published. */
    static final String PROPERTY = "dev.chaosmonkey.agent.cli-connector.";
    /** User name the CLI authenticates with. */
    static final String USER = "chaos-cli";
    static final int IDLE_SECONDS = 15;
    static final int LIFETIME_SECONDS = 120;

    private CliConnector() {
    }

    /**
     * Opens a connector for {@code request} ({@code nonce:token}); never throws. {@code installedNow} (whether this
     * start installed the instrumentation) is published next to the address for the CLI's message.
     */
    static void open(String request, boolean installedNow) {
        int colon = request.indexOf(':');
        if (colon <= 0 || colon == request.length() - 1 || !request.substring(0, colon).matches("[A-Za-z0-9]{8,64}")) {
            ChaosLog.warn("chaos-agent: ignoring a malformed CLI connector request");
            return;
        }
        String nonce = request.substring(0, colon);
        byte[] token = request.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, new LoopbackSockets.Server());
            env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, new LoopbackSockets.Client());
            env.put("jmx.remote.rmi.server.credential.types",
                    new String[] {String[].class.getName(), String.class.getName()});
            env.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
                if (credentials instanceof String[] && ((String[]) credentials).length == 2
                        && USER.equals(((String[]) credentials)[0]) && MessageDigest.isEqual(token,
                                ((String[]) credentials)[1].getBytes(StandardCharsets.UTF_8))) {
                    return new Subject(true, Set.of(new JMXPrincipal(USER)), Set.of(), Set.of());
                }
                throw new SecurityException("chaos-agent: the CLI connector accepts only its CLI's token");
            });
            // an explicit port, not 0: RMI closes the listening socket of an explicit-port endpoint when its last
            // object is unexported, but keeps an anonymous-port one listening for the life of the JVM
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress
                    .getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                    new JMXServiceURL("rmi", "127.0.0.1", port), env, ManagementFactory.getPlatformMBeanServer());
            server.start();
            String property = PROPERTY + nonce;
            Closer closer = new Closer(server, property);
            server.addNotificationListener(closer, null, null);
            System.setProperty(property + ".installed-now", Boolean.toString(installedNow));
            System.setProperty(property, server.getAddress().toString());
            Thread t = new Thread(closer, "chaos-agent-cli-connector");
            t.setDaemon(true);
            t.start();
        } catch (Exception | LinkageError e) {
            ChaosLog.warn("chaos-agent: could not open the CLI connector on loopback: " + e);
        }
    }

    /** Closes the connector when its connection ends, or when it idles or lives too long. */
    private static final class Closer implements Runnable, NotificationListener {
        private final JMXConnectorServer server;
        private final String property;
        private boolean connected;
        private boolean done;

        Closer(JMXConnectorServer server, String property) {
            this.server = server;
            this.property = property;
        }

        @Override
        public synchronized void handleNotification(Notification n, Object handback) {
            if (JMXConnectionNotification.OPENED.equals(n.getType())) {
                connected = true;
            } else if (JMXConnectionNotification.CLOSED.equals(n.getType())
                    || JMXConnectionNotification.FAILED.equals(n.getType())) {
                done = true;
            }
            notifyAll();
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try {
                synchronized (this) {
                    while (!done) {
                        long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                        long limit = connected ? LIFETIME_SECONDS : IDLE_SECONDS;
                        if (elapsed >= limit) {
                            break;
                        }
                        wait(1000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                System.clearProperty(property);
                System.clearProperty(property + ".installed-now");
                try {
                    server.stop();
                } catch (Exception e) {
                    ChaosLog.warn("chaos-agent: closing the CLI connector failed: " + e);
                }
            }
        }
    }
}
