package dev.chaosmonkey.samples.orders;

import org.springframework.data.jpa.repository.JpaRepository;

/** Orders. */
public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {
}
