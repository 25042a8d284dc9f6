package dev.chaosmonkey.samples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The order service. {@code java -cp "target/classes:target/lib/*" dev.chaosmonkey.samples.orders.OrderServiceApplication}
 * starts it with embedded PostgreSQL (H2 where PostgreSQL cannot start), a WireMock inventory service and an
 * in-process Kafka broker, all on 127.0.0.1 (see {@link EmbeddedInfrastructureInitializer}).
 */
@SpringBootApplication
@EnableScheduling
public class OrderServiceApplication {

    /** Starts the service; Spring Boot arguments ({@code --server.port=0}) apply. */
    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
