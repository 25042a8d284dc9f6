/**
 * A small, resilient order service: REST API, orders in PostgreSQL (JPA over HikariCP), stock from an inventory
 * service over HTTP behind a Resilience4j retry, circuit breaker, time limiter and bulkhead with a cached-stock
 * fallback, and order events to Kafka through a transactional outbox so that no event is lost while the broker is
 * away. {@link dev.chaosmonkey.samples.orders.EmbeddedInfrastructure} starts every dependency in-process.
 */
package dev.chaosmonkey.samples.orders;
