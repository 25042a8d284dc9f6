package dev.chaosmonkey.agent.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

import dev.chaosmonkey.agent.ChaosAgent;
import dev.chaosmonkey.agent.ChaosAgentMXBean;

/**
 * The agent jar's command line. Talks to the target JVM through the attach API (to load the agent and have it open
 * a one-off, token-protected JMX connector on loopback, see {@link CliConnector}) and JMX
 * ({@code dev.chaosmonkey:type=ChaosMonkey}, {@code dev.chaosmonkey:type=ChaosAgent}). Uses only JDK types and the
 * agent jar's own classes: the CLI process never loads chaos-core.
 */
public final class AttachCli {
    static final String CHAOS_MBEAN = "dev.chaosmonkey:type=ChaosMonkey";

    static final String HELP = String.join(System.lineSeparator(),
            "chaos-agent: fault injection for JDBC, HTTP clients, the Kafka producer and named methods",
            "",
            "As a Java agent:",
            "  java -javaagent:chaos-agent.jar[=<options>] -jar app.jar",
            "  options are separated by ';' (a ';' inside double quotes does not separate):",
            "    spec=<fault spec>   arm a rule at start (repeatable); a bare item containing '->' is a spec too",
            "    config=<file>       arm the specs of a file (one per line, # comments), re-armed when it changes",
            "    enabled=true        enable chaos (off by default; or -Dchaos.enabled=true)",
            "  options are all or nothing: one unknown option, bad spec or refused enabled=true applies nothing",
            "  (chaos stays off) and one line on stderr says why",
            "  example:",
            "    -javaagent:chaos-agent.jar='enabled=true;spec=jdbc operation=query -> delay(200ms) p=0.5'",
            "",
            "Against a running JVM (JDK 21+ warns about dynamic agent loading unless the target runs with",
            "-XX:+EnableDynamicAgentLoading):",
            "  java -jar chaos-agent.jar attach <pid> [--no-enable] [spec...]",
            "      load the agent if needed, arm the specs all or nothing, then enable chaos (unless --no-enable);",
            "      if any spec is bad or chaos cannot be enabled, nothing is applied and the exit code is 1",
            "  java -jar chaos-agent.jar list <pid>               show armed rules with their counters",
            "  java -jar chaos-agent.jar disarm <pid> <id|all>    disarm one rule, or all (the kill switch)",
            "  java -jar chaos-agent.jar enable <pid> | disable <pid>",
            "  java -jar chaos-agent.jar detach <pid>             disarm all and restore the original bytecode",
            ExperimentCli.HELP,
            "  java -jar chaos-agent.jar --help",
            "  The CLI talks to the target through the attach API (same OS user) and a one-off JMX connector on",
            "  127.0.0.1 that accepts only this CLI's token and closes when the command is done.",
            "",
            "Fault specs: <point> {attr=glob | attr~regex} -> <fault> {options}",
            "  points: jdbc(sql, operation, url) http(method, scheme, host, path, port) kafka(topic, key)",
            "          method(class, method) custom(name)",
            "  faults: exception[(class[, \"msg\"])] delay(200ms) delay(100ms..500ms) timeout(5s) status(503)",
            "  options: p=0.3 every=N first=N max=N after=30s for=5m seed=N dry-run id=name",
            "  e.g. jdbc sql~\"(?i)from orders\" -> exception(java.sql.SQLTransientConnectionException, \"db down\") p=0.3",
            "       http host=api.example.com -> status(503)      kafka topic=orders -> timeout(2s)",
            "       method class=com.acme.Inventory method=reserve -> exception(java.lang.IllegalStateException)",
            "");

    private AttachCli() {
    }

    /** Runs a command; returns the process exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(HELP);
            return 2;
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(HELP);
            return 0;
        }
        if (command.equals("experiment")) {
            return ExperimentCli.run(Arrays.asList(args).subList(1, args.length), out, err);
        }
        try {
            switch (command) {
                case "attach":
                    return attach(Arrays.asList(args).subList(1, args.length), out);
                case "list":
                    return list(pid(args, 2), out);
                case "disarm":
                    if (args.length != 3) {
                        throw new IllegalArgumentException("usage: disarm <pid> <id|all>");
                    }
                    return disarm(args[1], args[2], out);
                case "enable":
                case "disable":
                    try (JMXConnector c = connect(pid(args, 2))) {
                        c.getMBeanServerConnection().invoke(new ObjectName(CHAOS_MBEAN), command, null, null);
                        out.println("chaos " + command + "d");
                    }
                    return 0;
                case "detach":
                    return detach(pid(args, 2), out);
                default:
                    throw new IllegalArgumentException("unknown command '" + command + "' (see --help)");
            }
        } catch (IllegalArgumentException e) {
            err.println("chaos-agent: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("chaos-agent: " + command + " failed: " + message(e));
            return 1;
        }
    }

    private static String pid(String[] args, int expectedLength) {
        if (args.length != expectedLength) {
            throw new IllegalArgumentException("usage: " + args[0] + " <pid>");
        }
        return checkPid(args[1]);
    }

    private static String checkPid(String pid) {
        if (!pid.matches("\\d+")) {
            throw new IllegalArgumentException("'" + pid + "' is not a process id");
        }
        return pid;
    }

    private static int attach(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: attach <pid> [--no-enable] [spec...]");
        }
        String pid = checkPid(args.get(0));
        boolean enable = true;
        List<String> specs = new ArrayList<>();
        for (String a : args.subList(1, args.size())) {
            if (a.equals("--no-enable")) {
                enable = false;
            } else if (a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("spec " + (specs.size() + 1) + " contains a line break; give one"
                        + " spec per argument");
            } else {
                specs.add(a);
            }
        }
        Connection connection = open(pid, true);
        out.println(connection.installedNow ? "agent loaded into " + pid : "agent already installed in " + pid);
        try (JMXConnector c = connection.connector) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName chaos = new ObjectName(CHAOS_MBEAN);
            // all or nothing, like armAll: every spec is armed or none, and chaos is enabled only if they were
            List<?> ids = List.of();
            if (!specs.isEmpty()) {
                try {
                    Object result = server.invoke(chaos, "armAll", new Object[] {String.join("\n", specs)},
                            new String[] {String.class.getName()});
                    ids = result instanceof Object[] ? Arrays.asList((Object[]) result) : (List<?>) result;
                } catch (MBeanException | RuntimeMBeanException e) {
                    out.println("NOTHING applied: no rule armed, chaos not enabled: " + message(e));
                    return 1;
                }
            }
            boolean wasEnabled = Boolean.TRUE.equals(server.getAttribute(chaos, "Enabled"));
            if (enable && !wasEnabled) {
                try {
                    server.invoke(chaos, "enable", null, null);
                } catch (MBeanException | RuntimeMBeanException e) {
                    for (Object id : ids) {
                        server.invoke(chaos, "disarm", new Object[] {id}, new String[] {String.class.getName()});
                    }
                    out.println("NOTHING applied: chaos could not be enabled (" + message(e) + "), so the "
                            + ids.size() + " rule(s) just armed were disarmed again");
                    return 1;
                }
            }
            boolean enabled = Boolean.TRUE.equals(server.getAttribute(chaos, "Enabled"));
            StringBuilder line = new StringBuilder("applied: ");
            for (int i = 0; i < ids.size(); i++) {
                line.append(i == 0 ? "armed " : ", ").append(ids.get(i)).append(" (").append(specs.get(i))
                        .append(')');
            }
            if (ids.isEmpty()) {
                line.append("no rules");
            }
            line.append("; chaos is ").append(enabled ? "enabled" : "DISABLED").append(enable || enabled ? ""
                    : " (--no-enable)");
            out.println(line);
        }
        return 0;
    }

    /** A JMX connection to the target's CLI connector, opened through the attach API. */
    private static final class Connection {
        final JMXConnector connector;
        final boolean installedNow;

        Connection(JMXConnector connector, boolean installedNow) {
            this.connector = connector;
            this.installedNow = installedNow;
        }
    }

    /**
     * Asks the agent in {@code pid} (loading it when {@code attach}) for a one-off loopback connector that accepts
     * only a random token passed through the attach channel, and connects to it. Nothing listens beyond loopback,
     * the JDK's management agent is never started, and the connector closes when this connection closes.
     */
    private static Connection open(String pid, boolean attach) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        boolean installedNow;
        String token;
        try {
            if (!attach && vm.getSystemProperties().getProperty(AgentBootstrap.STARTED_PROPERTY) == null) {
                throw new IllegalStateException("JVM " + pid + " has no chaos agent: attach it first");
            }
            SecureRandom random = new SecureRandom();
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            StringBuilder nonce = new StringBuilder();
            for (byte b : bytes) {
                nonce.append(String.format("%02x", b & 0xff));
            }
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            vm.loadAgent(agentJar().toString(), AgentOptions.CONNECTOR + "=" + nonce + ":" + token
                    + (attach ? ";" + AgentOptions.CLI_ATTACH : ""));
            Properties props = vm.getSystemProperties();
            // an agent that refused to start (it could not share the application's chaos state) says why here
            String refused = props.getProperty(AgentBootstrap.REFUSED_PROPERTY);
            if (refused != null) {
                throw new IllegalStateException(refused);
            }
            address = props.getProperty(CliConnector.PROPERTY + nonce);
            installedNow = Boolean.parseBoolean(props.getProperty(CliConnector.PROPERTY + nonce + ".installed-now"));
        } finally {
            vm.detach();
        }
        if (address == null) {
            throw new IllegalStateException("the chaos agent in " + pid + " did not open its loopback connector"
                    + " (see the application's log)");
        }
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {CliConnector.USER, token});
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address), env);
        if (!connector.getMBeanServerConnection().isRegistered(new ObjectName(CHAOS_MBEAN))) {
            connector.close();
            throw new IllegalStateException("JVM " + pid + " has no chaos MBean (" + CHAOS_MBEAN
                    + "): attach the agent first");
        }
        return new Connection(connector, installedNow);
    }

    private static int list(String pid, PrintStream out) throws Exception {
        try (JMXConnector c = connect(pid)) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName chaos = new ObjectName(CHAOS_MBEAN);
            ObjectName agent = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
            if (server.isRegistered(agent)) {
                out.println("agent " + server.getAttribute(agent, "Version") + " (chaos-core "
                        + server.getAttribute(agent, "CoreVersion") + "), installed="
                        + server.getAttribute(agent, "Installed") + ", woven classes="
                        + server.getAttribute(agent, "TransformedClasses"));
            }
            boolean enabled = Boolean.TRUE.equals(server.getAttribute(chaos, "Enabled"));
            out.println("chaos " + (enabled ? "enabled" : "disabled" + reason(server, chaos))
                    + ", total injections " + server.getAttribute(chaos, "TotalInjections"));
            CompositeData[] rules = (CompositeData[]) server.getAttribute(chaos, "Rules");
            if (rules.length == 0) {
                out.println("no rules armed");
            }
            for (CompositeData r : rules) {
                out.println(r.get("id") + "\t" + r.get("state") + "\tmatched=" + r.get("matched") + " injected="
                        + r.get("injected") + " skipped=" + r.get("skipped") + "\t" + r.get("spec"));
            }
        }
        return 0;
    }

    /** Why chaos is off, as {@code " (reason)"}; empty when the target's chaos-core predates the attribute. */
    private static String reason(MBeanServerConnection server, ObjectName chaos) {
        try {
            Object r = server.getAttribute(chaos, "DisabledReason");
            return r == null || r.toString().isEmpty() ? "" : " (" + r + ")";
        } catch (Exception e) {
            return "";
        }
    }

    private static int disarm(String pidArg, String id, PrintStream out) throws Exception {
        String pid = checkPid(pidArg);
        try (JMXConnector c = connect(pid)) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName chaos = new ObjectName(CHAOS_MBEAN);
            if (id.equals("all")) {
                out.println("disarmed " + server.invoke(chaos, "disarmAll", null, null) + " rule(s)");
                return 0;
            }
            boolean done = (Boolean) server.invoke(chaos, "disarm", new Object[] {id},
                    new String[] {String.class.getName()});
            out.println(done ? "disarmed " + id : "no rule " + id + " is armed");
            return done ? 0 : 1;
        }
    }

    private static int detach(String pid, PrintStream out) throws Exception {
        try (JMXConnector c = connect(pid)) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName agent = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
            if (!server.isRegistered(agent)) {
                out.println("no chaos agent in " + pid);
                return 1;
            }
            Object restored = server.invoke(agent, "detach", null, null);
            out.println("detached: rules disarmed, " + restored + " woven class(es) restored");
            return 0;
        }
    }

    private static JMXConnector connect(String pid) throws Exception {
        return open(pid, false).connector;
    }

    /**
     * The agent installed in {@code pid} (loaded if needed) and a connection through its one-off loopback connector,
     * for the experiment runner; closing the connector closes the target's side too.
     */
    static JMXConnector connectInstalled(String pid) throws Exception {
        return open(pid, true).connector;
    }

    private static Path agentJar() throws Exception {
        return Path.of(ChaosAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof MBeanException || t instanceof RuntimeMBeanException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
