package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** JDBC faults through the packaged agent, against H2 and a real PostgreSQL, both behind HikariCP. */
class JdbcIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static HikariDataSource h2;
    private static EmbeddedPostgres postgres;
    private static HikariDataSource pg;

    @BeforeAll
    static void start() throws Exception {
        h2 = pool("jdbc:h2:mem:jdbcit;DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table orders(id int primary key, item varchar(20))");
            s.execute("insert into orders values (1, 'apple'), (2, 'pear')");
        }
        postgres = EmbeddedPostgres.builder().start();
        pg = pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table payments(id int primary key, amount int)");
            s.execute("insert into payments values (1, 10)");
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    @AfterAll
    static void stop() throws Exception {
        h2.close();
        pg.close();
        postgres.close();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    private static int countOrders(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from orders where id > ?")) {
            ps.setInt(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static RuleInfo rule(String id) {
        return MONKEY.rule(id).orElseThrow();
    }

    @Test
    void theApplicationsChaosCoreIsTheOneTheAgentUses() {
        // chaos-core is on this JVM's class path: the agent links against that copy instead of bringing its own
        assertThat(ChaosMonkey.class.getClassLoader()).isSameAs(ClassLoader.getSystemClassLoader());
        assertThat(MONKEY.isEnabled()).isTrue();
    }

    @Test
    void preparedQueryThroughHikariFailsWithTheNamedExceptionOncePerCall() throws Exception {
        String id = MONKEY.arm("jdbc operation=query sql~\"(?i)from orders\" -> "
                + "exception(java.sql.SQLTransientConnectionException, \"db down\")");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> countOrders(h2))
                    .isInstanceOf(SQLTransientConnectionException.class).hasMessage("db down");
        }
        RuleInfo info = rule(id);
        assertThat(info.getMatched()).isEqualTo(3);
        assertThat(info.getInjected()).isEqualTo(3);

        MONKEY.disarm(id);
        assertThat(countOrders(h2)).isEqualTo(2);
    }

    @Test
    void defaultExceptionForJdbcIsTransientConnection() {
        MONKEY.arm("jdbc operation=update -> exception");
        assertThatThrownBy(() -> {
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("update orders set item = 'plum' where id = 2");
            }
        }).isInstanceOf(SQLTransientConnectionException.class);
    }

    @Test
    void nonMatchingSqlProceeds() throws Exception {
        String id = MONKEY.arm("jdbc sql~\"(?i)from customers\" -> exception");
        assertThat(countOrders(h2)).isEqualTo(2);
        assertThat(rule(id).getMatched()).isZero();
    }

    @Test
    void slowQueryDelaysEachCall() throws Exception {
        String id = MONKEY.arm("jdbc operation=query -> delay(150ms)");
        long start = System.nanoTime();
        assertThat(countOrders(h2)).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(rule(id).getInjected()).isEqualTo(1);
    }

    @Test
    void probabilityInjectsRoughlyHalfOfTheCalls() throws Exception {
        String id = MONKEY.arm("jdbc operation=query -> exception p=0.5 seed=42");
        int failures = 0;
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            try {
                countOrders(h2);
            } catch (SQLTransientConnectionException e) {
                failures++;
            }
        }
        assertThat(failures).isBetween(60, 140);
        assertThat(rule(id).getMatched()).isEqualTo(calls);
        assertThat(rule(id).getInjected()).isEqualTo(failures);
    }

    @Test
    void batchAndPlainStatementOperations() throws Exception {
        String id = MONKEY.arm("jdbc operation=batch -> exception(java.sql.SQLException, \"batch lost\")");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.addBatch("update orders set item = 'fig' where id = 1");
            assertThatThrownBy(s::executeBatch).isInstanceOf(SQLException.class)
                    .hasMessage("batch lost");
            assertThat(s.execute("select 1")).isTrue();
        }
        assertThat(rule(id).getMatched()).isEqualTo(1);
    }

    @Test
    void databaseDownOnConnectThroughDriverManagerAndDataSource() throws Exception {
        String id = MONKEY.arm("jdbc operation=connect url=\"jdbc:h2:mem:down*\" -> "
                + "exception(java.sql.SQLNonTransientConnectionException, \"database down\")");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:mem:down1", "sa", ""))
                .isInstanceOf(java.sql.SQLNonTransientConnectionException.class).hasMessage("database down");
        assertThat(rule(id).getMatched()).isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:up1", "sa", "")) {
            assertThat(c.isValid(1)).isTrue();
        }
        MONKEY.disarm(id);

        // url!= also matches calls whose url is unknown (DataSource.getConnection), not the pool's own driver connects
        String any = MONKEY.arm("jdbc operation=connect url!=\"jdbc:h2:mem:jdbcit*\" -> "
                + "exception(java.sql.SQLTransientConnectionException)");
        assertThatThrownBy(() -> h2.getConnection()).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(rule(any).getMatched()).isEqualTo(1);
        MONKEY.disarm(any);
        try (Connection c = h2.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void realPostgresThroughHikariMatchesSqlAndUrl() throws Exception {
        String id = MONKEY.arm("jdbc sql~\"(?i)from payments\" url~\"^jdbc:postgresql:\" -> "
                + "exception(java.sql.SQLRecoverableException, \"pg gone\")");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> {
                try (Connection c = pg.getConnection();
                        PreparedStatement ps = c.prepareStatement("select amount from payments where id = ?")) {
                    ps.setInt(1, 1);
                    ps.executeQuery();
                }
            }).isInstanceOf(java.sql.SQLRecoverableException.class).hasMessage("pg gone");
        }
        assertThat(rule(id).getMatched()).isEqualTo(2);
        // the same SQL text on H2 does not match the url
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists payments(id int)");
            s.executeQuery("select count(*) from payments").close();
        }
        assertThat(rule(id).getMatched()).isEqualTo(2);
        MONKEY.disarm(id);
        try (Connection c = pg.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select amount from payments")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(10);
        }
    }
}
