package dev.chaosmonkey.benchmarks;

import java.sql.SQLException;

import com.example.bench.WovenTarget;
import org.springframework.stereotype.Service;

/**
 * The bean Chaos Monkey for Spring Boot's service watcher intercepts in {@link SpringPeerBenchmark}: the same two
 * calls as {@link WovenCallBenchmark}, reached through a Spring {@code @Service}.
 */
@Service
public class SpringPeerService {
    private final WovenTarget target = new WovenTarget();
    private H2Database database;

    /** Opens the service's database (not a bean: the benchmark owns its lifecycle). */
    public void open(String name) throws SQLException {
        database = H2Database.open(name);
    }

    /** Opens the service's database through a DataSource bean. */
    public void open(javax.sql.DataSource dataSource) throws SQLException {
        database = H2Database.open(dataSource);
    }

    /** Closes the service's database. */
    public void close() throws SQLException {
        database.close();
    }

    /** The trivial call. */
    public int mix(int value) {
        return target.mix(value);
    }

    /** The H2 point query. */
    public int lookup(int key) throws SQLException {
        return database.lookup(key);
    }
}
