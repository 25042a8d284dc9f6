package dev.chaosmonkey.spring.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The order service on a random port on 127.0.0.1 with its test properties; every test class that uses it shares
 * one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=create-drop",
            "spring.jpa.open-in-view=false",
            "management.endpoints.web.exposure.include=health,info,chaos",
            "management.endpoint.health.show-details=always",
            "chaos.enabled=true",
            "chaos.rules[0]=http path=/inventory/flaky -> status(503) id=flaky-inventory for=30m",
            "chaos.method.targets[0]=dev.chaosmonkey.spring.app.PaymentGateway",
            "spring.kafka.producer.properties.max.block.ms=5000",
            "resilience4j.circuitbreaker.instances.inventory.sliding-window-type=COUNT_BASED",
            "resilience4j.circuitbreaker.instances.inventory.sliding-window-size=4",
            "resilience4j.circuitbreaker.instances.inventory.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.instances.inventory.failure-rate-threshold=50",
            "resilience4j.circuitbreaker.instances.inventory.wait-duration-in-open-state=300ms",
            "resilience4j.circuitbreaker.instances.inventory.permitted-number-of-calls-in-half-open-state=2",
            "resilience4j.circuitbreaker.instances.inventory.automatic-transition-from-open-to-half-open-enabled=true",
            "resilience4j.retry.instances.inventory.max-attempts=2",
            "resilience4j.retry.instances.inventory.wait-duration=10ms"})
public @interface OrderServiceTest {
}
