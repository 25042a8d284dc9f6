package dev.chaosmonkey.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import dev.chaosmonkey.core.ChaosMonkey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC weaver on the real class files of H2 and HikariCP: every class it weaves is defined, verified by the
 * JVM's verifier (a class loader of its own, so their bytecode is verified) and run, with a rule armed and without.
 * The separate-JVM tests (JdbcIT, OtherAgentsIT, SpringBootFatJarIT) run it as the agent does.
 */
class JdbcWeaverTest {
    private final WeaveRecord record = new WeaveRecord();
    private final WovenLoader loader = new WovenLoader(new JdbcWeaver(null, record));
    private final ChaosMonkey monkey = ChaosMonkey.create();

    @AfterEach
    void clear() {
        monkey.disarmAll();
        CoreChaosState.install(ChaosMonkey.create());
    }

    @Test
    void wovenH2AndHikariClassesVerifyAndRunUnarmed() throws Exception {
        try (Connection c = h2Driver().connect("jdbc:h2:mem:unarmed", new Properties());
                Statement s = c.createStatement()) {
            s.execute("create table t(id int)");
            assertThat(s.executeUpdate("insert into t values (1)")).isEqualTo(1);
            try (PreparedStatement p = c.prepareStatement("select id from t where id = ?")) {
                p.setInt(1, 1);
                try (ResultSet r = p.executeQuery()) {
                    assertThat(r.next()).isTrue();
                }
            }
        }
        assertThat(loader.woven).contains("org.h2.Driver", "org.h2.jdbc.JdbcConnection", "org.h2.jdbc.JdbcStatement",
                "org.h2.jdbc.JdbcPreparedStatement");
        // the verifier sees every woven class (linking them all)
        for (String name : loader.woven) {
            Class.forName(name, true, loader);
        }
        assertThat(record.failed()).isZero();
    }

    @Test
    void anArmedRuleFailsTheQueryOnceThroughTheHikariProxyAndNamesItsSql() throws Exception {
        DataSource pool = hikari("jdbc:h2:mem:pooled");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table orders(id int)");
            CoreChaosState.install(monkey);
            monkey.enable();
            String rule = monkey.arm("jdbc operation=query sql=\"select id from orders\""
                    + " -> exception(java.sql.SQLTransientConnectionException, \"no orders\")");
            try (PreparedStatement p = c.prepareStatement("select id from orders")) {
                assertThatThrownBy(p::executeQuery).isInstanceOf(java.sql.SQLTransientConnectionException.class);
            }
            // an update is not a query: it runs
            assertThat(s.executeUpdate("insert into orders values (1)")).isEqualTo(1);
            // the proxy and the driver's statement are both woven: one decision per call
            assertThat(monkey.rule(rule).orElseThrow().getInjected()).isEqualTo(1);
            assertThat(monkey.rule(rule).orElseThrow().getMatched()).isEqualTo(1);
        } finally {
            ((AutoCloseable) pool).close();
        }
        assertThat(loader.woven).contains("com.zaxxer.hikari.HikariDataSource",
                "com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "org.h2.jdbc.JdbcPreparedStatement");
    }

    /**
     * H2's {@code prepareStatement} translates its SQL parameter (JDBC escapes) before it returns: the SQL a rule
     * matches is the one the application passed, as the ByteBuddy advice captured it, not the reassigned parameter.
     */
    @Test
    void theSqlOfAPreparedStatementIsTheOneTheApplicationPassed() throws Exception {
        String sql = "select {fn abs(-1)} from dual";
        try (Connection c = h2Driver().connect("jdbc:h2:mem:escapes", new Properties())) {
            CoreChaosState.install(monkey);
            monkey.enable();
            String rule = monkey.arm("jdbc sql=\"" + sql + "\" -> exception(java.sql.SQLTimeoutException, \"slow\")");
            try (PreparedStatement p = c.prepareStatement(sql)) {
                assertThatThrownBy(p::executeQuery).isInstanceOf(java.sql.SQLTimeoutException.class);
            }
            assertThat(monkey.rule(rule).orElseThrow().getInjected()).isEqualTo(1);
        }
    }

    @Test
    void aFaultOnConnectLeavesTheCallDepthBalanced() throws Exception {
        CoreChaosState.install(monkey);
        monkey.enable();
        String rule = monkey.arm("jdbc operation=connect -> exception(java.sql.SQLException, \"down\")");
        Driver driver = h2Driver();
        assertThatThrownBy(() -> driver.connect("jdbc:h2:mem:connect", new Properties()))
                .isInstanceOf(SQLException.class);
        monkey.disarm(rule);
        monkey.arm("jdbc operation=query -> exception(java.sql.SQLException, \"slow\")");
        try (Connection c = driver.connect("jdbc:h2:mem:connect", new Properties());
                Statement s = c.createStatement()) {
            // outermost again after the failed connect: the query decides and fails
            assertThatThrownBy(() -> s.executeQuery("select 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void interfacesAndClassesWithoutJdbcSuperTypesAreLeftAlone() throws IOException {
        JdbcWeaver weaver = new JdbcWeaver(null, record);
        // Boot's JarUrlConnection is named like a JDBC type but is not one
        assertThat(weaver.weave(getClass().getClassLoader(),
                classFile("org.springframework.boot.loader.net.protocol.jar.JarUrlConnection"))).isNull();
        // an interface: nothing to weave
        assertThat(weaver.weave(getClass().getClassLoader(), classFile("java.sql.PreparedStatement"))).isNull();
        assertThat(JdbcWeaver.matchesLoaded(java.sql.Statement.class)).isFalse();
        assertThat(JdbcWeaver.matchesLoaded(org.h2.jdbc.JdbcPreparedStatement.class)).isTrue();
        assertThat(JdbcWeaver.matchesLoaded(com.zaxxer.hikari.HikariDataSource.class)).isTrue();
    }

    private Driver h2Driver() throws Exception {
        return (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
    }

    private DataSource hikari(String url) throws Exception {
        // H2's data source from the weaving loader (a driver class name would find the test's own H2 driver)
        Class<?> h2 = loader.loadClass("org.h2.jdbcx.JdbcDataSource");
        Object database = h2.getDeclaredConstructor().newInstance();
        h2.getMethod("setURL", String.class).invoke(database, url);
        Class<?> type = loader.loadClass("com.zaxxer.hikari.HikariDataSource");
        Object pool = type.getDeclaredConstructor().newInstance();
        type.getMethod("setDataSource", DataSource.class).invoke(pool, database);
        type.getMethod("setMaximumPoolSize", int.class).invoke(pool, 1);
        return (DataSource) pool;
    }

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = JdbcWeaverTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Defines H2's and HikariCP's classes itself, through the weaver; everything else comes from the parent. */
    private static final class WovenLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final JdbcWeaver weaver;
        final List<String> woven = new java.util.concurrent.CopyOnWriteArrayList<>();

        WovenLoader(JdbcWeaver weaver) {
            super(JdbcWeaverTest.class.getClassLoader());
            this.weaver = weaver;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.h2.") && !name.startsWith("com.zaxxer.hikari.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try {
                        bytes = classFile(name);
                    } catch (IOException | AssertionError e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    byte[] result = weaver.transform(null, this, name.replace('.', '/'), null, null, bytes);
                    if (result != null) {
                        woven.add(name);
                        bytes = result;
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return getParent().getResourceAsStream(name);
        }

        List<String> woven() {
            return new ArrayList<>(woven);
        }
    }
}
