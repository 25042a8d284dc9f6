package dev.chaosmonkey.experiment;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A {@link ChaosTarget} driven through the {@code dev.chaosmonkey:type=ChaosMonkey} MBean. */
public final class JmxChaosTarget implements ChaosTarget {
    /** The chaos MBean's name. */
    public static final String CHAOS_MBEAN = "dev.chaosmonkey:type=ChaosMonkey";
    private static final ObjectName NAME;

    static {
        try {
            NAME = new ObjectName(CHAOS_MBEAN);
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final MBeanServerConnection server;
    private final Closeable connection;

    /** A target over {@code server}; {@code connection} (may be null) is closed by {@link #close()}. */
    public JmxChaosTarget(String name, MBeanServerConnection server, Closeable connection) {
        this.name = name;
        this.server = server;
        this.connection = connection;
    }

    /** This JVM, through its platform MBean server (for runs inside the target). */
    public static JmxChaosTarget local() {
        return new JmxChaosTarget("local", ManagementFactory.getPlatformMBeanServer(), null);
    }

    /**
     * Connects to {@code host:port} (an RMI JMX port) or a {@code service:jmx:} URL and checks that the chaos MBean
     * is there.
     *
     * @throws IOException when the target cannot be reached or has no chaos MBean
     */
    public static JmxChaosTarget connect(String address) throws IOException {
        JMXServiceURL url = serviceUrl(address);
        JMXConnector c = JMXConnectorFactory.connect(url, Map.of());
        try {
            MBeanServerConnection server = c.getMBeanServerConnection();
            if (!server.isRegistered(NAME)) {
                throw new IOException(address + " has no chaos MBean (" + CHAOS_MBEAN + "): attach the agent first");
            }
            return new JmxChaosTarget(address, server, c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** {@code host:port} as an RMI JMX URL, a {@code service:jmx:} URL as it is. */
    public static JMXServiceURL serviceUrl(String address) throws IOException {
        if (address.startsWith("service:jmx:")) {
            return new JMXServiceURL(address);
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1 || !address.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IOException("'" + address + "' is not a pid, host:port or service:jmx: URL");
        }
        return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + address + "/jmxrmi");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MBeanServerConnection mbeans() {
        return server;
    }

    @Override
    public boolean isEnabled() throws Exception {
        return Boolean.TRUE.equals(server.getAttribute(NAME, "Enabled"));
    }

    @Override
    public void enable() throws Exception {
        invoke("enable", null, null);
    }

    @Override
    public List<String> armAll(List<String> specs) throws Exception {
        Object ids = invoke("armAll", new Object[] {String.join("\n", specs)}, new String[] {String.class.getName()});
        List<String> out = new ArrayList<>();
        if (ids instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (ids instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    @Override
    public boolean disarm(String id) throws Exception {
        return Boolean.TRUE.equals(invoke("disarm", new Object[] {id}, new String[] {String.class.getName()}));
    }

    @Override
    public List<RuleCounters> rules() throws Exception {
        Object rules = server.getAttribute(NAME, "Rules");
        List<RuleCounters> out = new ArrayList<>();
        if (rules instanceof CompositeData[] a) {
            for (CompositeData r : a) {
                out.add(new RuleCounters(String.valueOf(r.get("id")), String.valueOf(r.get("spec")),
                        ((Number) r.get("matched")).longValue(), ((Number) r.get("injected")).longValue(),
                        Boolean.TRUE.equals(r.get("dryRun"))));
            }
        }
        return out;
    }

    private Object invoke(String op, Object[] args, String[] signature) throws Exception {
        try {
            return server.invoke(NAME, op, args, signature);
        } catch (MBeanException | RuntimeMBeanException e) {
            Throwable t = e;
            while ((t instanceof MBeanException || t instanceof RuntimeMBeanException) && t.getCause() != null) {
                t = t.getCause();
            }
            throw new IllegalArgumentException(t.getMessage() == null ? t.toString() : t.getMessage(), t);
        }
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
