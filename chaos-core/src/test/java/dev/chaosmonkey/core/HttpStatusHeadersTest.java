package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code status(..., header="Name: value")}: parsing, rendering back, and RFC 9110 field checks at arm time. */
class HttpStatusHeadersTest {
    private static HttpStatusFault fault(String spec) {
        return (HttpStatusFault) ChaosRule.parse("http -> " + spec).fault();
    }

    @Test
    void headersAreRepeatableKeptInOrderAndRenderedBack() {
        HttpStatusFault f = fault("status(429, header=\"Retry-After: 2\", header=\"X-Limit:  10 \","
                + " body=\"slow down\")");
        assertThat(f.headers()).containsExactly("Retry-After: 2", "X-Limit: 10");
        assertThat(f.headerNames()).containsExactly("Retry-After", "X-Limit");
        assertThat(f.headerValues()).containsExactly("2", "10");
        assertThat(f.body()).isEqualTo("slow down");
        assertThat(f.toSpec()).isEqualTo("status(429, header=\"Retry-After: 2\", header=\"X-Limit: 10\","
                + " body=\"slow down\")");
        assertThat(fault(f.toSpec())).isEqualTo(f);
        // the body may come first; the canonical spec puts it last
        assertThat(fault("status(429, body=\"slow down\", header=\"Retry-After: 2\", header=\"X-Limit: 10\")"))
                .isEqualTo(f);
        assertThat(f).isNotEqualTo(fault("status(429, header=\"X-Limit: 10\", header=\"Retry-After: 2\","
                + " body=\"slow down\")"));
        assertThat(Fault.httpStatus(503).withHeader("Retry-After: 5").toSpec())
                .isEqualTo("status(503, header=\"Retry-After: 5\")");
        assertThat(fault("status(500|503, header=\"Content-Type: application/problem+json\")").headers())
                .containsExactly("Content-Type: application/problem+json");
    }

    @Test
    void badFieldsArePositionedErrorsAndNothingIsArmed() {
        ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).jmx(false).build());
        // the column of the offending character: 'R' of "Retry After" is column 29, the space column 34
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\"Retry After: 2\")"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("at column 34")
                .hasMessageContaining("' ' is not allowed in a header name");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\"Retry-After 2\")"))
                .hasMessageContaining("at column 42").hasMessageContaining("the ':' is missing");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\": 2\")"))
                .hasMessageContaining("at column 29").hasMessageContaining("the header name is empty");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\"Content-Length: 3\")"))
                .hasMessageContaining("header Content-Length is set by the synthetic response itself");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\"x-chaos-injected: r9\")"))
                .hasMessageContaining("header X-Chaos-Injected is set by the synthetic response itself");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\"Content-Type: a/b\","
                + " header=\"content-type: c/d\")")).hasMessageContaining("header Content-Type given twice");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, body=a, body=b)"))
                .hasMessageContaining("body= given twice");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, \"Retry-After: 2\")"))
                .hasMessageContaining("at column 21").hasMessageContaining("status takes an HTTP status code");
        // CR/LF arrive through the API or JMX, not in a one-line spec: refused with their position too
        assertThatThrownBy(() -> Fault.httpStatus(503).withHeader("Retry-After: 2\r\nSet-Cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain CR, LF or NUL at character 15");
        assertThatThrownBy(() -> monkey.arm("http -> status(429, header=\"A: 1\u0007\")"))
                .hasMessageContaining("at column 33").hasMessageContaining("control character U+0007");
        StringBuilder many = new StringBuilder("http -> status(503");
        for (int i = 0; i <= HttpStatusFault.MAX_HEADERS; i++) {
            many.append(", header=\"X-").append(i).append(": v\"");
        }
        assertThatThrownBy(() -> monkey.arm(many.append(')').toString()))
                .hasMessageContaining("at most 32 header= fields");
        assertThat(monkey.rules()).isEmpty();
    }
}
