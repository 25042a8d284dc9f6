package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * With nothing armed the agent does not create the platform MBean server at start (50-150 ms of CPU next to the
 * application's start-up); its MBeans, and the chaos state's, appear once the server exists, or at the latest after
 * {@code -Dchaos.agent.jmx-delay-ms}.
 */
class JmxRegistrationIT {
    private static List<String> run(String mode, String delayMillis) throws Exception {
        String classpath = ChildJvm.location(JmxRegistrationApp.class) + File.pathSeparator
                + ChildJvm.location(dev.chaosmonkey.core.ChaosMonkey.class);
        Process p = new ProcessBuilder(ChildJvm.JAVA, "-Xlog:class+load=info", "-Dchaos.agent.jmx-delay-ms="
                + delayMillis, "-javaagent:" + ChildJvm.AGENT, "-cp", classpath, JmxRegistrationApp.class.getName(),
                mode).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.lines().toList();
    }

    @Test
    void mbeansAppearWhenTheApplicationCreatesThePlatformServer() throws Exception {
        List<String> lines = run("touch", "600000");
        int touching = lines.indexOf("TOUCHING");
        assertThat(touching).as("output:%n%s", lines).isPositive();
        assertThat(lines.subList(0, touching))
                .noneMatch(l -> l.contains("com.sun.jmx.mbeanserver.JmxMBeanServer "))
                .noneMatch(l -> l.contains("sun.management.ManagementFactoryHelper "));
        assertThat(lines.subList(touching, lines.size())).contains("REGISTERED")
                .anyMatch(l -> l.contains("com.sun.jmx.mbeanserver.JmxMBeanServer "));
    }

    @Test
    void mbeansAppearAfterTheDelayWhenNothingCreatesTheServer() throws Exception {
        assertThat(run("wait", "500")).contains("REGISTERED");
    }
}
