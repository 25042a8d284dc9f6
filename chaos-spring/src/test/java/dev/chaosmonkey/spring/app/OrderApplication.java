package dev.chaosmonkey.spring.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A small order service as users write them: JPA and JdbcTemplate on H2, an inventory client (RestClient with
 * Resilience4j annotations), a pricing client (WebClient), order events (KafkaTemplate), a payment service bean. The
 * security configuration lets every request through and authenticates HTTP Basic credentials when given, so the
 * chaos endpoint's own role check is what decides.
 */
@SpringBootApplication
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ops").password("{noop}ops-secret").roles("CHAOS_ADMIN").build(),
                User.withUsername("viewer").password("{noop}viewer-secret").roles("USER").build());
    }
}
