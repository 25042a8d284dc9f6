package dev.chaosmonkey.spring.reactivescope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/** A reactive price service: one WebClient call to the downstream stock service per request. */
@SpringBootApplication
public class ReactiveScopeApp {

    @Bean
    SecurityWebFilterChain openToEveryone(ServerHttpSecurity http) {
        return http.authorizeExchange(a -> a.anyExchange().permitAll()).csrf(c -> c.disable()).build();
    }

    /** 200 "stock=..." when the downstream call worked; a 503 from it fails the request with 500. */
    @RestController
    static class PriceController {
        private final WebClient stock;

        PriceController(WebClient.Builder builder, @Value("${stock.url}") String url) {
            this.stock = builder.baseUrl(url).build();
        }

        @GetMapping("/price")
        Mono<String> price() {
            return stock.get().uri("/stock/1").retrieve().bodyToMono(String.class).map(s -> "stock=" + s);
        }
    }
}
