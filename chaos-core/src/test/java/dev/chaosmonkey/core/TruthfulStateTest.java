package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.Arrays;

import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 10 items 5, 6, 7, 9: checked exceptions at custom points, states that say what is true, overflow, errors. */
class TruthfulStateTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());

    @AfterEach
    void tearDown() {
        monkey.close();
    }

    @Nested
    class CheckedExceptionsAtCustomPoints {
        @Test
        void theCallerCatchesTheCheckedExceptionItDeclares() {
            monkey.arm("custom name=pay -> exception(java.io.IOException, \"gateway down\")");
            try {
                monkey.check("pay", IOException.class);
                fail("expected the injected IOException");
            } catch (IOException e) {
                assertThat(e).hasMessage("gateway down");
            }
        }

        @Test
        void subclassesAndUncheckedExceptionsFit() {
            monkey.arm("custom name=file -> exception(java.io.FileNotFoundException)");
            assertThatThrownBy(() -> monkey.check("file", IOException.class))
                    .isInstanceOf(FileNotFoundException.class);
            monkey.arm("custom name=plain -> exception");
            assertThatThrownBy(() -> monkey.check("plain", IOException.class))
                    .isInstanceOf(ChaosInjectedException.class);
            monkey.arm("custom name=slow -> timeout(10ms)");
            assertThatThrownBy(() -> monkey.check("slow", IOException.class))
                    .isInstanceOf(ChaosTimeoutException.class);
        }

        @Test
        void armingARuleThatCouldNeverFitIsRefused() throws IOException {
            monkey.check("pay", IOException.class);

            assertThatThrownBy(() -> monkey.arm("custom name=pay -> exception(java.sql.SQLException)"))
                    .isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("custom point 'pay' is checked with check(name, java.io.IOException.class)")
                    .hasMessageContaining("java.sql.SQLException is a checked exception");
            assertThat(monkey.rules()).isEmpty();
            // what fits is still armed
            monkey.arm("custom name=pay -> exception(java.io.FileNotFoundException)");
            assertThat(monkey.rules()).hasSize(1);
        }

        @Test
        void aRuleArmedBeforeTheFirstCheckThatDoesNotFitInjectsNothingThere() throws IOException {
            monkey.arm("custom name=early -> exception(java.sql.SQLException)");
            monkey.check("early", IOException.class);
            // the unchecked form still throws it, undeclared, as before
            assertThatThrownBy(() -> monkey.check("early")).isInstanceOf(SQLException.class);
            assertThat(monkey.internalErrors()).isZero();
        }
    }

    @Nested
    class States {
        @Test
        void rulesOfADisabledInstanceAreSuspendedNotActive() {
            monkey.disable();
            String id = monkey.arm("custom name=x -> exception");
            assertThat(monkey.rule(id).orElseThrow().getState()).isEqualTo("SUSPENDED");
            assertThat(monkey.decideCustom("x")).isNull();

            monkey.enable();
            assertThat(monkey.rule(id).orElseThrow().getState()).isEqualTo("ACTIVE");
            assertThat(monkey.decideCustom("x")).isNotNull();

            monkey.disable();
            assertThat(monkey.rule(id).orElseThrow().getState()).isEqualTo("SUSPENDED");
        }

        @Test
        void jmxSaysNoneForNoEnvironmentAndDescribesArmAll() throws Exception {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = monkey.registerMBean("dev.chaosmonkey.test:type=ChaosMonkey,name=truthful");
            assertThat(server.getAttribute(name, "Environment")).isEqualTo("none");
            assertThat(server.getAttribute(name, "InternalErrors")).isEqualTo(0L);
            assertThat(server.getAttribute(name, "HeldCalls")).isEqualTo(0);
            MBeanInfo info = server.getMBeanInfo(name);
            MBeanOperationInfo armAll = Arrays.stream(info.getOperations())
                    .filter(o -> o.getName().equals("armAll")).findFirst().orElseThrow();
            assertThat(armAll.getDescription()).contains("one fault spec per line");
        }
    }

    @Nested
    class Overflow {
        @Test
        void afterIsBoundedLikeFor() {
            assertThatThrownBy(() -> monkey.arm("custom name=x -> exception after=1000000h"))
                    .isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("after=1000000h exceeds the maximum 24h (chaos.max-duration)");
            assertThat(monkey.rules()).isEmpty();
        }

        @Test
        void theBuilderRefusesDurationsTheEngineCannotCount() {
            assertThatThrownBy(() -> Fault.delay(java.time.Duration.ofHours(99_999_999_999L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay is too long");
            assertThatThrownBy(() -> Fault.timeout(java.time.Duration.ofHours(99_999_999_999L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout bound is too long");
            ChaosRule rule = ChaosRule.on(InjectionPoint.CUSTOM).fault(Fault.exception())
                    .startAfter(java.time.Duration.ofHours(99_999_999_999L)).build();
            assertThatThrownBy(() -> monkey.arm(rule)).isInstanceOf(ChaosSpecException.class)
                    .hasMessageContaining("after=").hasMessageContaining("(chaos.max-duration)");
        }
    }

    @Nested
    class InternalErrorsAreCounted {
        @Test
        void aThrowingListenerIsCountedEveryTimeAndTheCallStillProceeds() {
            monkey.getEventPublisher().onInjected(e -> {
                throw new IllegalStateException("listener bug");
            });
            monkey.arm("custom name=x -> exception p=1");
            assertThat(monkey.decideCustom("x")).isNotNull();
            assertThat(monkey.decideCustom("x")).isNotNull();
            assertThat(monkey.internalErrors()).isEqualTo(2);
        }

        @Test
        void instrumentationCanReportItsOwn() {
            monkey.reportInternalError("test-advice", new IllegalStateException("advice bug"));
            assertThat(monkey.internalErrors()).isEqualTo(1);
        }

        @Test
        void typedListenersOnlySeeTheirKind() {
            java.util.List<ChaosEvent.Type> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            monkey.getEventPublisher().onDisarmed(e -> seen.add(e.type())).onArmed(e -> seen.add(e.type()));
            String id = monkey.arm("custom name=x -> exception");
            monkey.decideCustom("x");
            monkey.disarm(id);
            assertThat(seen).containsExactly(ChaosEvent.Type.ARMED, ChaosEvent.Type.DISARMED);
            assertThat(monkey.internalErrors()).isZero();
        }
    }
}
