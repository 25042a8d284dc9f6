package dev.chaosmonkey.spring.app;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA repository of orders. */
public interface OrderRepository extends JpaRepository<OrderEntity, Long> {
}
