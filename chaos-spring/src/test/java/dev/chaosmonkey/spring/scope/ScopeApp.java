package dev.chaosmonkey.spring.scope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** A checkout service: one H2 query and one call to the downstream stock service per request. */
@SpringBootApplication
public class ScopeApp {

    @Bean
    SecurityFilterChain openToEveryone(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).csrf(c -> c.disable());
        return http.build();
    }

    /** The endpoint: 200 "stock=..." when both calls worked; a JDBC fault fails it with 500. */
    @RestController
    static class CheckoutController {
        private final JdbcTemplate jdbc;
        private final RestClient stock;

        CheckoutController(JdbcTemplate jdbc, RestClient.Builder builder, @Value("${stock.url}") String url) {
            this.jdbc = jdbc;
            this.stock = builder.baseUrl(url).build();
        }

        @GetMapping("/checkout")
        String checkout() {
            Integer one = jdbc.queryForObject("select 1", Integer.class);
            return "stock=" + stock.get().uri("/stock/1").retrieve().body(String.class) + " db=" + one;
        }
    }
}
