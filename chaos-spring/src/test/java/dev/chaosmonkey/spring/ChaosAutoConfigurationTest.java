package dev.chaosmonkey.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.chaosmonkey.core.ChaosInjectedException;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.micrometer.ChaosMetrics;
import dev.chaosmonkey.spring.fixtures.FinalLedger;
import dev.chaosmonkey.spring.fixtures.PaymentService;
import dev.chaosmonkey.spring.internal.ChaosDataSourcePostProcessor;
import dev.chaosmonkey.spring.internal.ChaosStartup;
import dev.chaosmonkey.spring.internal.ChaosWrapped;
import dev.chaosmonkey.spring.internal.InternalErrors;

/** Every condition of the auto-configuration, with ApplicationContextRunner. */
@ExtendWith(OutputCaptureExtension.class)
class ChaosAutoConfigurationTest {

    /** Whether Spring Boot 4's health API is here (this test also runs on Boot 3.5, in chaos-spring-boot3-test). */
    static final boolean BOOT4 = ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator",
            null);
    static final boolean KAFKA = ClassUtils.isPresent("org.springframework.kafka.core.ProducerFactory", null);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChaosAutoConfiguration.class));

    /** A user-defined, isolated chaos state: wins over the global one (@ConditionalOnMissingBean). */
    @Configuration(proxyBeanMethods = false)
    static class IsolatedMonkey {
        @Bean
        ChaosMonkey chaosMonkey() {
            return ChaosMonkey.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class H2 {
        @Bean
        HikariDataSource dataSource() {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl("jdbc:h2:mem:runner;DB_CLOSE_DELAY=-1");
            ds.setMaximumPoolSize(2);
            return ds;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        PaymentService paymentService() {
            return new PaymentService();
        }

        @Bean
        FinalLedger finalLedger() {
            return new FinalLedger();
        }
    }

    @Test
    void offByDefaultWithTheGlobalState() {
        // the global state is shared with the Spring Boot application tests of this JVM: start from "disabled"
        boolean wasEnabled = ChaosMonkey.global().isEnabled();
        ChaosMonkey.global().disable();
        try {
            offByDefault();
        } finally {
            if (wasEnabled) {
                ChaosMonkey.global().enable();
            }
        }
    }

    private void offByDefault() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
            assertThat(monkey).isSameAs(ChaosMonkey.global());
            assertThat(monkey.isEnabled()).isFalse();
            assertThat(ctx).hasSingleBean(ChaosEndpoint.class).hasSingleBean(ChaosInfoContributor.class)
                    .hasSingleBean(ChaosMetrics.class).hasSingleBean(ChaosDataSourcePostProcessor.class);
            // Boot 4's health API, or Boot 3.5's (a reflective contributor)
            assertThat(ctx.containsBean("chaosHealthIndicator")).isTrue();
        });
    }

    @Test
    void enabledArmsTheRulesAndTheClosedContextRestoresTheState() {
        ChaosMonkey[] seen = new ChaosMonkey[1];
        runner.withUserConfiguration(IsolatedMonkey.class)
                .withPropertyValues("chaos.enabled=true",
                        "chaos.rules[0]=jdbc operation=connect -> exception p=0.5 for=5m",
                        "chaos.rules[1]=http host=inventory -> status(503) id=inv")
                .run(ctx -> {
                    ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
                    seen[0] = monkey;
                    assertThat(monkey).isNotSameAs(ChaosMonkey.global());
                    assertThat(monkey.isEnabled()).isTrue();
                    assertThat(monkey.rules()).extracting(r -> r.getSpec()).containsExactly(
                            "jdbc operation=connect -> exception p=0.5 for=5m",
                            "http host=inventory -> status(503) id=inv");
                    assertThat(ctx.getBean(ChaosStartup.class).armedIds()).hasSize(2);
                });
        assertThat(seen[0].rules()).isEmpty();
        assertThat(seen[0].isEnabled()).isFalse();
    }

    @Test
    void dryRunSwitchesTheState() {
        runner.withUserConfiguration(IsolatedMonkey.class).withPropertyValues("chaos.dry-run=true")
                .run(ctx -> assertThat(ctx.getBean(ChaosMonkey.class).isDryRun()).isTrue());
    }

    @Test
    void badRuleFailsStartUpWithThePositionedErrorAndArmsNothing() {
        ChaosMonkey monkey = ChaosMonkey.create();
        runner.withBean(ChaosMonkey.class, () -> monkey)
                .withPropertyValues("chaos.rules[0]=http host=a -> status(503)",
                        "chaos.rules[1]=jdbc sq=x -> exception")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    Throwable failure = ctx.getStartupFailure();
                    while (failure != null && !(failure instanceof InvalidChaosRulesException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isInstanceOf(InvalidChaosRulesException.class)
                            .hasMessageStartingWith("chaos.rules[1]: invalid fault spec at column 6: unknown"
                                    + " attribute 'sq' for point jdbc");
                    assertThat(((InvalidChaosRulesException) failure).column()).isEqualTo(6);
                });
        assertThat(monkey.rules()).isEmpty();
    }

    @Test
    void rulesThatParseButCannotBeArmedFailStartUpToo() {
        ChaosMonkey monkey = ChaosMonkey.create();
        runner.withBean(ChaosMonkey.class, () -> monkey)
                .withPropertyValues("chaos.rules[0]=http host=a -> status(503)",
                        "chaos.rules[1]=jdbc -> exception(com.acme.Nope)")
                .run(ctx -> assertThat(ctx).hasFailed());
        assertThat(monkey.rules()).isEmpty();
    }

    @Test
    void badRuleWithFailOnInvalidRulesFalseLogsAndArmsNone(CapturedOutput output) {
        runner.withUserConfiguration(IsolatedMonkey.class)
                .withPropertyValues("chaos.fail-on-invalid-rules=false",
                        "chaos.rules[0]=http host=a -> status(503)", "chaos.rules[1]=jdbc sq=x -> exception")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(ChaosMonkey.class).rules()).isEmpty();
                });
        assertThat(output).contains("no rule of chaos.rules armed").contains("chaos.rules[1]: invalid fault spec");
    }

    @Test
    void productionProfileKeepsChaosOffWithOneWarning(CapturedOutput output) {
        runner.withUserConfiguration(IsolatedMonkey.class, H2.class)
                .withPropertyValues("spring.profiles.active=prod-eu", "chaos.enabled=true",
                        "chaos.rules[0]=jdbc -> exception")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
                    assertThat(monkey.isEnabled()).isFalse();
                    assertThat(monkey.rules()).isEmpty();
                    assertThat(ctx).doesNotHaveBean(ChaosDataSourcePostProcessor.class);
                    assertThat(ctx.getBean(DataSource.class)).isNotInstanceOf(ChaosWrapped.class);
                    assertThat(ctx.getBean(ChaosStartup.class).isGuarded()).isTrue();
                });
        assertThat(output.getOut().lines().filter(l -> l.contains("chaos stays off"))).hasSize(1);
        assertThat(output).contains("active profile 'prod-eu' names production");
    }

    @Test
    void environmentPropertyNamesProductionToo() {
        runner.withUserConfiguration(IsolatedMonkey.class)
                .withPropertyValues("chaos.environment=eu.live", "chaos.enabled=true")
                .run(ctx -> assertThat(ctx.getBean(ChaosMonkey.class).isEnabled()).isFalse());
    }

    @Test
    void productionIsAllowedWhenSaidSo() {
        runner.withUserConfiguration(IsolatedMonkey.class, H2.class)
                .withPropertyValues("spring.profiles.active=production", "chaos.allow-production=true",
                        "chaos.enabled=true")
                .run(ctx -> {
                    assertThat(ctx.getBean(ChaosMonkey.class).isEnabled()).isTrue();
                    assertThat(ctx.getBean(DataSource.class)).isInstanceOf(ChaosWrapped.class);
                });
    }

    @Test
    void withoutActuatorThereIsNoEndpointNorHealth() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                "org.springframework.boot.health"))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(ChaosMonkey.class);
                    assertThat(ctx).doesNotHaveBean(ChaosEndpoint.class).doesNotHaveBean(ChaosInfoContributor.class);
                    assertThat(ctx.containsBean("chaosHealthIndicator")).isFalse();
                });
    }

    @Test
    void withoutChaosExperimentTheEndpointHasNoExperiments() {
        runner.withClassLoader(new FilteredClassLoader("dev.chaosmonkey.experiment"))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(ChaosEndpoint.class)
                        .doesNotHaveBean("chaosExperimentControl"));
    }

    @Test
    void withoutKafkaThereIsNoKafkaWrapper() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.kafka", "org.apache.kafka"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("chaosKafkaPostProcessor"));
        runner.run(ctx -> assertThat(ctx.containsBean("chaosKafkaPostProcessor")).isEqualTo(KAFKA));
    }

    @Test
    void withoutMicrometerThereAreNoMetrics() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ChaosMetrics.class));
        runner.withClassLoader(new FilteredClassLoader(ChaosMetrics.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ChaosMetrics.class));
    }

    @Test
    void userDefinedBeansWin() {
        ChaosEndpoint mine = new ChaosEndpoint(ChaosMonkey.create(), null, "X");
        runner.withUserConfiguration(IsolatedMonkey.class).withBean(ChaosEndpoint.class, () -> mine)
                .run(ctx -> {
                    assertThat(ctx.getBean(ChaosEndpoint.class)).isSameAs(mine);
                    assertThat(ctx.getBean(ChaosMonkey.class)).isNotSameAs(ChaosMonkey.global());
                });
    }

    @Test
    void switchesPerIntegration() {
        runner.withPropertyValues("chaos.jdbc.enabled=false", "chaos.kafka.enabled=false",
                "chaos.health.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ChaosDataSourcePostProcessor.class)
                        .doesNotHaveBean("chaosKafkaPostProcessor").doesNotHaveBean("chaosHealthIndicator"));
    }

    @Test
    void dataSourceKeepsItsTypeAndStatementsAskChaosOncePerCall() {
        long errorsBefore = InternalErrors.count();
        runner.withUserConfiguration(IsolatedMonkey.class, H2.class).withPropertyValues("chaos.enabled=true")
                .run(ctx -> {
                    DataSource ds = ctx.getBean(DataSource.class);
                    // a class proxy: still a HikariDataSource, and one decision per call through the pool
                    assertThat(ds).isInstanceOf(HikariDataSource.class).isInstanceOf(ChaosWrapped.class);
                    ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
                    String id = monkey.arm("jdbc operation=query sql~\"(?i)from dual\" -> exception every=2");
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        assertThat(c.unwrap(Connection.class)).isNotNull();
                        assertThat(s.getConnection()).isSameAs(c);
                        for (int i = 0; i < 4; i++) {
                            if (i % 2 == 1) {
                                assertThatThrownBy(() -> s.executeQuery("select 1 from dual"))
                                        .isInstanceOf(SQLTransientConnectionException.class);
                            } else {
                                s.executeQuery("select 1 from dual").close();
                            }
                        }
                        s.executeUpdate("create table if not exists t(x int)");
                    }
                    assertThat(monkey.rule(id).orElseThrow().getMatched()).isEqualTo(4);
                    assertThat(monkey.rule(id).orElseThrow().getInjected()).isEqualTo(2);
                    String connect = monkey.arm("jdbc operation=connect -> exception(\"db down\")");
                    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                            .hasMessageContaining("db down");
                    monkey.disarm(connect);
                    ds.getConnection().close();
                    String url = monkey.arm("jdbc url=jdbc:h2:mem:runner* operation=update -> exception");
                    try (Connection c = ds.getConnection();
                            java.sql.PreparedStatement ps = c.prepareStatement("insert into t values (?)")) {
                        ps.setInt(1, 1);
                        assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLTransientConnectionException.class);
                    }
                    assertThat(monkey.rule(url).orElseThrow().getInjected()).isEqualTo(1);
                });
        assertThat(InternalErrors.count()).isEqualTo(errorsBefore);
    }

    @Test
    void aFinalDataSourceClassGetsAnInterfaceProxy() {
        runner.withUserConfiguration(IsolatedMonkey.class)
                .withBean("h2", DataSource.class, () -> {
                    JdbcDataSource ds = new JdbcDataSource();
                    ds.setURL("jdbc:h2:mem:final");
                    return ds;
                })
                .run(ctx -> {
                    DataSource ds = ctx.getBean(DataSource.class);
                    assertThat(ds).isInstanceOf(ChaosWrapped.class);
                    assertThat(ds.unwrap(JdbcDataSource.class)).isNotNull();
                });
    }

    @Test
    void methodRulesReachBeansThroughAopAndFinalClassesAreLeftAlone(CapturedOutput output) {
        runner.withUserConfiguration(IsolatedMonkey.class, Beans.class)
                .withPropertyValues("chaos.enabled=true",
                        "chaos.rules[0]=method class=dev.chaosmonkey.spring.fixtures.PaymentService method=charge"
                                + " -> exception(java.lang.IllegalStateException, \"gateway down\") every=2",
                        "chaos.method.targets[0]=dev.chaosmonkey.spring.fixtures.Final*")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    PaymentService payments = ctx.getBean(PaymentService.class);
                    assertThat(payments.charge(1)).isEqualTo("charged 1");
                    assertThatThrownBy(() -> payments.charge(2)).isInstanceOf(IllegalStateException.class)
                            .hasMessage("gateway down");
                    assertThat(payments.charges()).isEqualTo(1);
                    FinalLedger ledger = ctx.getBean(FinalLedger.class);
                    assertThat(ledger.getClass()).isEqualTo(FinalLedger.class);
                    ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
                    monkey.arm("method class=dev.chaosmonkey.spring.fixtures.PaymentService method=charges"
                            + " -> exception");
                    assertThatThrownBy(payments::charges).isInstanceOf(ChaosInjectedException.class);
                });
        assertThat(output).contains("bean 'finalLedger' (dev.chaosmonkey.spring.fixtures.FinalLedger) matches the"
                + " method targets").contains("its final methods [receipt] cannot be intercepted");
    }
}
