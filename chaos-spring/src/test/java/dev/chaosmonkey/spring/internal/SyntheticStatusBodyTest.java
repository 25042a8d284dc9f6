package dev.chaosmonkey.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * {@code status(503, body="...")} through chaos-spring's interceptors: the synthetic response carries the spec's body
 * (else one naming the rule), as the agent's clients do. Port 9 on 127.0.0.1 is never reached: status faults make no
 * network call.
 */
class SyntheticStatusBodyTest {
    private ChaosMonkey monkey;

    @BeforeEach
    void setUp() {
        monkey = ChaosMonkey.create();
        monkey.enable();
    }

    @AfterEach
    void tearDown() {
        monkey.close();
    }

    @Test
    void restClientSeesTheSpecsBody() {
        monkey.arm("http path=/inventory -> status(503, body=\"inventory down\") id=inv");
        RestClient client = RestClient.builder().requestInterceptor(new ChaosHttpInterceptor(monkey, false)).build();
        assertThatThrownBy(() -> client.get().uri("http://127.0.0.1:9/inventory").retrieve().body(String.class))
                .isInstanceOfSatisfying(HttpServerErrorException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(503);
                    assertThat(e.getResponseBodyAsString()).isEqualTo("inventory down");
                });
    }

    @Test
    void restClientWithoutBodyNamesTheRule() {
        monkey.arm("http path=/inventory -> status(502) id=inv");
        RestClient client = RestClient.builder().requestInterceptor(new ChaosHttpInterceptor(monkey, false)).build();
        assertThatThrownBy(() -> client.get().uri("http://127.0.0.1:9/inventory").retrieve().body(String.class))
                .isInstanceOfSatisfying(HttpServerErrorException.class,
                        e -> assertThat(e.getResponseBodyAsString()).contains("rule inv"));
    }

    @Test
    void webClientSeesTheSpecsBody() {
        monkey.arm("http path=/inventory -> status(503, body=\"inventory down\") id=inv");
        WebClient client = WebClient.builder().filter(new ChaosExchangeFilter(monkey)).build();
        assertThatThrownBy(() -> client.get().uri("http://127.0.0.1:9/inventory").retrieve().bodyToMono(String.class)
                .block(java.time.Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(WebClientResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(503);
                    assertThat(e.getResponseBodyAsString()).isEqualTo("inventory down");
                });
    }
}
