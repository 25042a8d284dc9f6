package dev.chaosmonkey.spring.boot3;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestTemplate;

/** A Spring Boot 3.5 application using the starter: its RestTemplate comes from Boot 3's RestTemplateBuilder. */
@SpringBootApplication
public class Boot3App {
    @Bean
    RestTemplate restTemplate(RestTemplateBuilder builder) {
        return builder.build();
    }
}
