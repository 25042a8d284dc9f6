package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.shop.Catalog;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Arming and disarming method rules over and over leaves nothing behind: the targets the agent weaves for are those
 * of the armed rules only (the {@code MethodRuleTargets} attribute of the agent MBean), and a class no rule names
 * any more is restored.
 */
class MethodRuleChurnIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static final int ITERATIONS = 500;

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    private static int targets() throws Exception {
        javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
        // the agent registers its MBeans within 25 ms of the platform MBean server's creation, on its own thread
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return (Integer) server.getAttribute(agent, "MethodRuleTargets");
    }

    @Test
    void targetsFollowTheArmedRulesThroughArmDisarmChurn() throws Exception {
        Catalog catalog = new Catalog();
        long start = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            String id = MONKEY.arm("method class=com.example.churn.Gone" + i + " method=run -> exception");
            assertThat(targets()).isEqualTo(1);
            MONKEY.disarm(id);
            assertThat(targets()).as("after disarming rule %d", i).isZero();
            if (i % 50 == 0) {
                // a loaded class: woven while its rule is armed, restored when it goes
                String onCatalog = MONKEY.arm("method class=com.example.shop.Catalog method=count -> exception("
                        + "java.lang.IllegalStateException, \"churn " + i + "\")");
                assertThatThrownBy(catalog::count).hasMessage("churn " + i);
                MONKEY.disarm(onCatalog);
                assertThat(catalog.count()).isEqualTo(3);
            }
        }
        long perIteration = (System.nanoTime() - start) / ITERATIONS / 1_000;
        System.out.println("method rule arm+disarm: " + perIteration + " us per iteration");
        assertThat(targets()).isZero();
    }

    @Test
    void rulesNamingTheSameTargetShareItUntilTheLastGoes() throws Exception {
        String first = MONKEY.arm("method class=com.example.shop.Catalog method=count -> exception"
                + "(java.lang.IllegalStateException, \"first\") id=first");
        String second = MONKEY.arm("method class=com.example.shop.Catalog method=count -> delay(1ms) id=second");
        String glob = MONKEY.arm("method class=com.example.shop.Cat* -> delay(1ms) id=glob");
        assertThat(targets()).isEqualTo(2);
        MONKEY.disarm(first);
        assertThat(targets()).isEqualTo(2);
        MONKEY.disarm(second);
        assertThat(targets()).isEqualTo(1);
        assertThat(new Catalog().count()).isEqualTo(3);
        assertThat(MONKEY.rule(glob).orElseThrow().getInjected()).isEqualTo(1);
        MONKEY.disarm(glob);
        assertThat(targets()).isZero();
    }
}
