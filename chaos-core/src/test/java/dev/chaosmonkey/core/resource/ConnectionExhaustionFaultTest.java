package dev.chaosmonkey.core.resource;

import static dev.chaosmonkey.core.resource.ResourceTestSupport.chaosThreads;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.holding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosSpecException;

class ConnectionExhaustionFaultTest {
    private final ChaosMonkey monkey = ChaosMonkey.create();
    private HikariDataSource dataSource;
    private HikariPoolMXBean poolStats;
    private ResourceTargets.Registration registration;

    @BeforeEach
    void startPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        config.setPoolName("orders");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setConnectionTimeout(250);
        dataSource = new HikariDataSource(config);
        poolStats = dataSource.getHikariPoolMXBean();
        registration = ResourceTargets.register("orders-db", dataSource);
        monkey.enable();
    }

    @AfterEach
    void stopPool() {
        monkey.close();
        registration.close();
        dataSource.close();
    }

    private int selectOne() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void holdsTheWholePoolSoTheApplicationTimesOutThenReturnsEveryConnection() throws Exception {
        String id = monkey.arm("resource -> connections(datasource=orders-db, count=4) id=pool-drain");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(poolStats.getActiveConnections()).isEqualTo(4);
            assertThat(holding(monkey, id, ConnectionExhaustionFault.CONNECTIONS_HELD)).isEqualTo(4);
        });
        assertThatThrownBy(this::selectOne).isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("timed out");

        monkey.disarm(id);

        assertThat(poolStats.getActiveConnections()).isZero();
        assertThat(poolStats.getIdleConnections()).isEqualTo(4);
        assertThat(selectOne()).isEqualTo(1);
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void holdsPartOfThePool() throws Exception {
        String id = monkey.arm("resource -> connections(datasource=orders-db, light) id=pool-part");
        await().atMost(Duration.ofSeconds(10)).until(() -> poolStats.getActiveConnections() == 2);
        assertThat(selectOne()).isEqualTo(1);
        monkey.disarm(id);
        assertThat(poolStats.getActiveConnections()).isZero();
    }

    @Test
    void askingForMoreThanThePoolHasKeepsTryingAndStillReturnsEverything() {
        String id = monkey.arm("resource -> connections(datasource=orders-db, count=6) for=1m id=pool-over");
        await().atMost(Duration.ofSeconds(10)).until(() -> poolStats.getActiveConnections() == 4);
        assertThat(holding(monkey, id, ConnectionExhaustionFault.CONNECTIONS_WANTED)).isEqualTo(6);

        monkey.disarmAll();

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> poolStats.getActiveConnections() == 0);
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void dryRunAndUnknownPoolsHoldNothing() {
        String dry = monkey.arm("resource -> connections(datasource=orders-db, count=4) dry-run");
        assertThat(poolStats.getActiveConnections()).isZero();
        assertThat(monkey.rule(dry).orElseThrow().getHoldings()).isEmpty();

        assertThatThrownBy(() -> monkey.arm("resource -> connections(datasource=billing-db, count=1)"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("no DataSource registered as 'billing-db'")
                .hasMessageContaining("orders-db");
        assertThat(monkey.rules()).hasSize(1);
    }

    @Test
    void worksWhenCoreIsLoadedByALoaderThatCannotSeeJavaSql() throws Exception {
        // like the agent's bootstrap injection: parent null = bootstrap only, where the java.sql module is invisible
        URL coreClasses = ChaosMonkey.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader bootLike = new URLClassLoader(new URL[] {coreClasses}, null)) {
            assertThatThrownBy(() -> Class.forName("javax.sql.DataSource", false, bootLike))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> targets = bootLike.loadClass(ResourceTargets.class.getName());
            Class<?> monkeyType = bootLike.loadClass(ChaosMonkey.class.getName());
            assertThat(monkeyType).isNotSameAs(ChaosMonkey.class);

            targets.getMethod("register", String.class, Object.class).invoke(null, "boot-db", dataSource);
            Object bootMonkey = monkeyType.getMethod("create").invoke(null);
            monkeyType.getMethod("enable").invoke(bootMonkey);
            monkeyType.getMethod("arm", String.class)
                    .invoke(bootMonkey, "resource -> connections(datasource=boot-db, count=3)");
            await().atMost(Duration.ofSeconds(10)).until(() -> poolStats.getActiveConnections() == 3);

            Method close = monkeyType.getMethod("close");
            close.invoke(bootMonkey);
            assertThat(poolStats.getActiveConnections()).isZero();
            targets.getMethod("unregister", String.class).invoke(null, "boot-db");
        }
    }

    @Test
    void registrationRejectsWhatCannotBeExhausted() {
        assertThatThrownBy(() -> ResourceTargets.register("orders-cache", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a javax.sql.DataSource, a ConnectionSource or an ExecutorService");
        assertThatThrownBy(() -> ResourceTargets.register("bad name", dataSource))
                .hasMessageContaining("must be 1-64 letters");
    }
}
