package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JmxTest {
    private static final String NAME = "dev.chaosmonkey.test:type=ChaosMonkey,name=jmx-test";
    private final ChaosMonkey monkey = ChaosMonkey.create();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void tearDown() {
        monkey.close();
    }

    @Test
    void globalInstanceRegistersItsMXBeanInThePlatformServer() throws Exception {
        ChaosMonkey.global();
        ObjectName name = new ObjectName(ChaosMonkey.OBJECT_NAME);

        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "Version")).isEqualTo(ChaosMonkey.VERSION);
        assertThat(ChaosMonkey.VERSION).isNotEqualTo("unknown");
        assertThat(server.getAttribute(name, "Enabled")).isEqualTo(false);
        assertThatThrownBy(() -> ChaosMonkey.create().registerMBean(ChaosMonkey.OBJECT_NAME))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is already registered by chaos-core");
    }

    @Test
    void operationsThroughThePlatformServerWithOnlyJdkTypes() throws Exception {
        ObjectName name = monkey.registerMBean(NAME);

        server.invoke(name, "enable", null, null);
        String id = (String) server.invoke(name, "arm", new Object[] {"custom name=x -> exception max=2"},
                new String[] {String.class.getName()});
        monkey.decideCustom("x");

        CompositeData[] rules = (CompositeData[]) server.getAttribute(name, "Rules");
        assertThat(rules).hasSize(1);
        assertThat(rules[0].get("id")).isEqualTo(id);
        assertThat(rules[0].get("spec")).isEqualTo("custom name=x -> exception max=2");
        assertThat(rules[0].get("injected")).isEqualTo(1L);
        assertThat(rules[0].get("state")).isEqualTo("ACTIVE");
        assertThat(rules[0].get("scope")).isNull();
        assertThat((String[]) server.getAttribute(name, "RuleSpecs")).containsExactly(id + ": custom name=x -> exception max=2");

        assertThat(server.invoke(name, "disarm", new Object[] {id}, new String[] {String.class.getName()}))
                .isEqualTo(true);
        assertThat(server.invoke(name, "disarm", new Object[] {"nope"}, new String[] {String.class.getName()}))
                .isEqualTo(false);
        assertThat(monkey.rules()).isEmpty();

        String scoped = (String) server.invoke(name, "arm", new Object[] {"custom name=x -> exception scope=t1"},
                new String[] {String.class.getName()});
        CompositeData[] withScope = (CompositeData[]) server.getAttribute(name, "Rules");
        assertThat(withScope[0].get("id")).isEqualTo(scoped);
        assertThat(withScope[0].get("scope")).isEqualTo("t1");
        assertThat(JMX.newMXBeanProxy(server, name, ChaosMonkeyMXBean.class).getRules().get(0).getScope())
                .isEqualTo("t1");
    }

    @Test
    void garbageSpecsAreRejectedWithAPlainJdkExceptionAndNothingIsArmed() throws Exception {
        ObjectName name = monkey.registerMBean(NAME);

        assertThatThrownBy(() -> server.invoke(name, "arm", new Object[] {"jdbc -> delay(-5ms)"},
                new String[] {String.class.getName()}))
                .isInstanceOfSatisfying(RuntimeMBeanException.class, e -> {
                    assertThat(e.getTargetException()).isExactlyInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("column 15: delay must not be negative: -5ms")
                            .hasNoCause();
                });
        assertThatThrownBy(() -> server.invoke(name, "armAll", new Object[] {"jdbc -> exception\n%%%"},
                new String[] {String.class.getName()}))
                .isInstanceOf(RuntimeMBeanException.class).hasMessageContaining("line 2");
        assertThat(monkey.rules()).isEmpty();
    }

    @Test
    void remoteClientThroughAConnectorOnLoopback() throws Exception {
        monkey.registerMBean(NAME);
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        java.rmi.server.RMIServerSocketFactory loopbackOnly = port -> new java.net.ServerSocket(port, 50,
                java.net.InetAddress.getLoopbackAddress());
        int registryPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            registryPort = probe.getLocalPort();
        }
        Registry registry = LocateRegistry.createRegistry(registryPort, null, loopbackOnly);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1/jndi/rmi://127.0.0.1:" + registryPort
                + "/jmxrmi");
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopbackOnly);
        JMXConnectorServer connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(url, env, server);
        connectorServer.start();
        try (JMXConnector connector = JMXConnectorFactory.connect(connectorServer.getAddress())) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ChaosMonkeyMXBean proxy = JMX.newMXBeanProxy(connection, new ObjectName(NAME), ChaosMonkeyMXBean.class);

            proxy.enable();
            List<String> ids = proxy.armAll("jdbc sql~orders -> delay(10ms)\nhttp host=inventory -> status(503)");
            assertThat(ids).hasSize(2);
            assertThat(monkey.decideJdbc("query", "select * from orders", null)).isNotNull();

            List<RuleInfo> rules = proxy.getRules();
            assertThat(rules).extracting(RuleInfo::getSpec)
                    .containsExactly("jdbc sql~\"orders\" -> delay(10ms)", "http host=inventory -> status(503)");
            assertThat(rules.get(0).getMatched()).isEqualTo(1);
            assertThatThrownBy(() -> proxy.arm("http -> status(200)"))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HTTP status must be 429 or 500-599, was 200");

            assertThat(proxy.disarmAll()).isEqualTo(2);
            assertThat(proxy.getRules()).isEmpty();
            proxy.disable();
            assertThat(monkey.isEnabled()).isFalse();
        } finally {
            connectorServer.stop();
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }
}
