package dev.chaosmonkey.samples.orders;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The outbox. */
public interface OutboxEventRepository extends JpaRepository<OutboxEvent, Long> {

    /** The oldest unpublished events, in publication order. */
    List<OutboxEvent> findTop50ByPublishedAtIsNullOrderByIdAsc();

    /** Events still waiting for the broker. */
    long countByPublishedAtIsNull();

    /** Events the broker acknowledged. */
    long countByPublishedAtIsNotNull();
}
