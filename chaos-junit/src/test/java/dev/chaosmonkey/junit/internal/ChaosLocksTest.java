package dev.chaosmonkey.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.parallel.ResourceAccessMode.READ;
import static org.junit.jupiter.api.parallel.ResourceAccessMode.READ_WRITE;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;

import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;

/** The lock mode an experiment takes, decided from its annotations, and the scope names. */
class ChaosLocksTest {

    /** Declarations to decide on (never run). */
    static class Declared {
        @ChaosExperiment
        @Fault("custom name=inventory -> exception")
        @Fault("jdbc operation=query -> exception")
        void scoped() {
        }

        @ChaosExperiment
        void programmaticOnly() {
        }

        @ChaosExperiment
        @Fault("custom name=inventory -> exception")
        @Fault("resource -> threads(count=2)")
        void resource() {
        }

        @ChaosExperiment(scope = FaultScope.GLOBAL)
        @Fault("custom name=inventory -> exception")
        void global() {
        }

        @ChaosExperiment
        @Fault(value = "custom name=inventory -> exception", scope = FaultScope.GLOBAL)
        void oneGlobalFault() {
        }

        @ChaosExperiment(scope = FaultScope.GLOBAL)
        @Fault(value = "custom name=inventory -> exception", scope = FaultScope.TEST)
        void globalExperimentWithScopedFault() {
        }

        @ChaosExperiment
        @Fault("custom name=inventory -> exception scope=shared-staging")
        void ownScope() {
        }

        @ChaosExperiment
        @Fault("custom name=inventory -> nonsense")
        void badSpec() {
        }
    }

    /** A class-level setting that methods inherit unless they set their own. */
    @ChaosExperiment(scope = FaultScope.GLOBAL)
    static class GlobalClass {
        @ChaosExperiment(hypothesis = "inherits GLOBAL")
        @Fault("custom name=inventory -> exception")
        void inherits() {
        }

        @ChaosExperiment(scope = FaultScope.TEST)
        @Fault("custom name=inventory -> exception")
        void overrides() {
        }

        /** Nested: the enclosing class's setting applies. */
        @Nested
        class Inner {
            @Fault("custom name=inventory -> exception")
            void inner() {
            }
        }
    }

    private static ResourceAccessMode mode(Class<?> c, String method) throws NoSuchMethodException {
        Method m = c.getDeclaredMethod(method);
        Set<Lock> locks = new ChaosLocks().provideForMethod(List.of(), c, m);
        assertThat(locks).hasSize(1);
        Lock lock = locks.iterator().next();
        assertThat(lock.getKey()).isEqualTo(ChaosExperiment.GLOBAL_CHAOS_LOCK);
        return lock.getAccessMode();
    }

    @Test
    void scopedExperimentsShareTheLockProcessWideOnesTakeItAlone() throws Exception {
        assertThat(mode(Declared.class, "scoped")).isEqualTo(READ);
        assertThat(mode(Declared.class, "programmaticOnly")).isEqualTo(READ);
        assertThat(mode(Declared.class, "ownScope")).as("a spec's own scope= is still scoped").isEqualTo(READ);
        assertThat(mode(Declared.class, "resource")).isEqualTo(READ_WRITE);
        assertThat(mode(Declared.class, "global")).isEqualTo(READ_WRITE);
        assertThat(mode(Declared.class, "oneGlobalFault")).isEqualTo(READ_WRITE);
        assertThat(mode(Declared.class, "globalExperimentWithScopedFault"))
                .as("ChaosControl arms of a GLOBAL experiment act process-wide").isEqualTo(READ_WRITE);
        assertThat(mode(Declared.class, "badSpec")).as("cannot tell: alone").isEqualTo(READ_WRITE);
    }

    @Test
    void methodsInheritTheClassSettingUnlessTheySetTheirOwn() throws Exception {
        assertThat(mode(GlobalClass.class, "inherits")).isEqualTo(READ_WRITE);
        assertThat(mode(GlobalClass.class, "overrides")).isEqualTo(READ);
        Method inner = GlobalClass.Inner.class.getDeclaredMethod("inner");
        assertThat(new ChaosLocks().provideForMethod(List.of(GlobalClass.class), GlobalClass.Inner.class, inner))
                .extracting(Lock::getAccessMode).containsExactly(READ_WRITE);
        assertThat(new ChaosLocks().provideForClass(GlobalClass.class)).as("the class itself locks nothing")
                .isEmpty();
        assertThat(new ChaosLocks().provideForNestedClass(List.of(GlobalClass.class), GlobalClass.Inner.class))
                .isEmpty();
    }

    @Test
    void declaredFaultsGetTheExperimentScopeUnlessTheyCannotOrSayOtherwise() {
        ChaosRule custom = FaultSpec.parse("custom name=inventory -> exception");
        assertThat(ExperimentScopes.applyScope(custom, FaultScope.TEST, "t-1").scope()).isEqualTo("t-1");
        assertThat(ExperimentScopes.applyScope(custom, FaultScope.TEST, "t-1").toSpec()).contains("scope=t-1");
        assertThat(ExperimentScopes.applyScope(custom, FaultScope.GLOBAL, "t-1").scope()).isNull();
        ChaosRule resource = FaultSpec.parse("resource -> threads(count=2)");
        assertThat(ExperimentScopes.applyScope(resource, FaultScope.TEST, "t-1").scope()).isNull();
        ChaosRule own = FaultSpec.parse("custom name=inventory -> exception scope=staging");
        assertThat(ExperimentScopes.applyScope(own, FaultScope.TEST, "t-1").scope()).isEqualTo("staging");
    }

    @Test
    void scopeNamesAreValidReadableAndUnique() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String name = ExperimentScopes.newScopeName("InventoryOutageExperimentTest"
                    + ".breakerOpensFallbackServesAndServiceRecovers-[1] x");
            assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9_.-]{1,64}")
                    .startsWith("InventoryOutageExperimentTest.breakerOpens");
            assertThat(dev.chaosmonkey.core.ChaosScope.isValidName(name)).isTrue();
            names.add(name);
        }
        assertThat(names).as("a counter keeps repetitions apart").hasSize(50);
        assertThat(ExperimentScopes.newScopeName("Short.test")).matches("Short\\.test-\\d+");
    }
}
