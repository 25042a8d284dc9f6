package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpStatusFaultTest {
    @Test
    void aStatusMayCarryABodyAndRendersBack() {
        for (String spec : new String[] {"http -> status(503)", "http -> status(503, body=\"inventory is down\")",
            "http -> status(429, body=\"\")", "http -> status(500, body=\"say \\\"no\\\"\")"}) {
            ChaosRule rule = ChaosRule.parse(spec);
            assertThat(rule.toSpec()).isEqualTo(spec);
            assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        }
        HttpStatusFault fault = (HttpStatusFault) ChaosRule.parse("http -> status(503, body=down)").fault();
        assertThat(fault.status()).isEqualTo(503);
        assertThat(fault.body()).isEqualTo("down");
        assertThat(fault).isEqualTo(Fault.httpStatus(503).withBody("down")).isNotEqualTo(Fault.httpStatus(503));
        assertThat(Fault.httpStatus(503).body()).isNull();
    }

    @Test
    void otherArgumentsArePositionedErrors() {
        assertThatThrownBy(() -> ChaosRule.parse("http -> status(503, size=3)"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("at column 21")
                .hasMessageContaining("status takes an HTTP status code and optionally a body");
        assertThatThrownBy(() -> ChaosRule.parse("http -> status(body=x)"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("status takes an HTTP status code");
        assertThatThrownBy(() -> ChaosRule.parse("http -> status(404)"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("429 or 500-599");
    }
}
