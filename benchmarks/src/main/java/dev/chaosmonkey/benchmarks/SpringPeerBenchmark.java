package dev.chaosmonkey.benchmarks;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Peer: Chaos Monkey for Spring Boot (4.0.0 on Spring Boot 4.0.2) with the service watcher on and every assault off,
 * and chaos-spring (the service proxied for method rules, the H2 connection from its wrapped DataSource bean,
 * chaos enabled, nothing armed), against the same Spring application without either. Needs Spring on the class path: {@link BenchmarkSuite} runs it in
 * a separate JVM with {@code target/classpath-spring.txt}, so Spring never touches the other forks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpringPeerBenchmark {

    /**
     * {@code off}: plain Spring application; {@code watching}: Chaos Monkey for Spring Boot active, service watcher,
     * no assault; {@code starter}: chaos-spring, enabled, the service a method target, nothing armed.
     */
    @Param({"off", "watching", "starter"})
    public String chaosMonkey;

    private ConfigurableApplicationContext context;
    private SpringPeerService service;
    private int key;

    /**
     * The application: auto-configuration (which brings Chaos Monkey when its profile is active, and chaos-spring
     * unless excluded), one service and an H2 DataSource bean.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(SpringPeerService.class)
    public static class PeerApplication {
        /** The service's database; chaos-spring wraps it in {@code starter} mode. */
        @Bean
        public DataSource dataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:spring-peer;DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    /** Starts the application and opens the service's database. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.jmx.enabled", "false");
        if ("watching".equals(chaosMonkey)) {
            properties.put("chaos.monkey.enabled", "true");
            properties.put("chaos.monkey.watcher.service", "true");
            properties.put("chaos.monkey.watcher.controller", "false");
            properties.put("chaos.monkey.watcher.rest-controller", "false");
            properties.put("chaos.monkey.watcher.repository", "false");
            properties.put("chaos.monkey.watcher.component", "false");
            properties.put("chaos.monkey.assaults.latency-active", "false");
            properties.put("chaos.monkey.assaults.exceptions-active", "false");
            properties.put("chaos.monkey.assaults.kill-application-active", "false");
            properties.put("chaos.monkey.assaults.memory-active", "false");
            properties.put("chaos.monkey.assaults.cpu-active", "false");
        } else if ("starter".equals(chaosMonkey)) {
            properties.put("chaos.enabled", "true");
            properties.put("chaos.jmx", "false");
            properties.put("chaos.method.targets", SpringPeerService.class.getName());
        } else if (!"off".equals(chaosMonkey)) {
            throw new IllegalArgumentException("chaosMonkey must be off, watching or starter, not " + chaosMonkey);
        }
        if (!"starter".equals(chaosMonkey)) {
            properties.put("spring.autoconfigure.exclude", "dev.chaosmonkey.spring.ChaosAutoConfiguration");
        }
        SpringApplication application = new SpringApplication(PeerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(properties);
        if ("watching".equals(chaosMonkey)) {
            application.setAdditionalProfiles("chaos-monkey");
        }
        context = application.run();
        service = context.getBean(SpringPeerService.class);
        boolean proxied = service.getClass() != SpringPeerService.class;
        if (proxied == "off".equals(chaosMonkey)) {
            throw new IllegalStateException("expected the service " + (proxied ? "not " : "")
                    + "to be proxied for chaosMonkey=" + chaosMonkey + ", got " + service.getClass().getName());
        }
        DataSource dataSource = context.getBean(DataSource.class);
        boolean wrapped = !(dataSource instanceof JdbcDataSource);
        if (wrapped != "starter".equals(chaosMonkey)) {
            throw new IllegalStateException("expected the DataSource " + (wrapped ? "not " : "")
                    + "to be wrapped by chaos-spring for chaosMonkey=" + chaosMonkey + ", got "
                    + dataSource.getClass().getName());
        }
        service.open(dataSource);
    }

    /** Closes the database and the application. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        service.close();
        context.close();
    }

    /** The trivial call through the (possibly watched) service. */
    @Benchmark
    public int trivialMethod() {
        return service.mix(key++);
    }

    /** The H2 query through the (possibly watched) service. */
    @Benchmark
    public int h2ExecuteQuery() throws SQLException {
        return service.lookup(key++);
    }
}
