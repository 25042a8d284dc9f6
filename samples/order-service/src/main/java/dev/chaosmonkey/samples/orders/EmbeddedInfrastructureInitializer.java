package dev.chaosmonkey.samples.orders;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts {@link EmbeddedInfrastructure} before the context refreshes, points the data source, the inventory client
 * and the Kafka producer at it, and stops it when the context closes. Registered in {@code META-INF/spring.factories},
 * so the application and its tests get the same wiring. {@code orders.embedded.enabled=false} turns it off (then set
 * {@code spring.datasource.*}, {@code orders.inventory.base-url} and {@code orders.kafka.bootstrap-servers}).
 */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("orders.embedded.enabled", Boolean.class, Boolean.TRUE)
                || context.getParent() != null) {
            return;
        }
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start();
        env.getPropertySources().addFirst(new MapPropertySource("orders-embedded", infrastructure.properties()));
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        beans.registerSingleton("embeddedInfrastructure", infrastructure);
        // registered before every other bean, so destroyed after them: the pool and the producer close first
        if (beans instanceof DefaultListableBeanFactory registry) {
            registry.registerDisposableBean("embeddedInfrastructure", infrastructure::close);
        }
    }
}
