package dev.chaosmonkey.core.resource;

/**
 * Hands out pooled connections for {@link ConnectionExhaustionFault}: each {@link #borrow()} takes one from the pool
 * and closing it gives it back.
 *
 * <p>chaos-core cannot name {@code javax.sql.DataSource} (it may be loaded by the bootstrap class loader, which does
 * not see the {@code java.sql} module), so pools are registered through this {@code java.base}-only interface.
 * {@link ResourceTargets#register(String, Object)} adapts a {@code javax.sql.DataSource} to it by reflection; other
 * pools (a Redis or HTTP connection pool, say) can implement it directly.
 */
@FunctionalInterface
public interface ConnectionSource {

    /**
     * Borrows one connection, waiting as the pool does (for HikariCP: up to its connection timeout).
     *
     * @return the connection; closing it returns it to the pool
     * @throws Exception if the pool has none to give (e.g. a pool timeout)
     */
    AutoCloseable borrow() throws Exception;
}
