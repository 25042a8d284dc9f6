package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Arguments that two lines of work added to the same fault kinds combine: a status set with {@code body=}, an
 * exception's {@code cause=} with {@code sqlState=}/{@code vendorCode=}, {@code ramp=} with {@code scope=}.
 */
class CombinedFaultArgumentsTest {

    @Test
    void aStatusSetTakesABody() {
        HttpStatusFault fault = (HttpStatusFault) ChaosRule.parse("http -> status(500|503, body=\"x\")").fault();
        assertThat(fault.statuses()).containsExactly(500, 503);
        assertThat(fault.body()).isEqualTo("x");
        assertThat(fault.toSpec()).isEqualTo("status(500|503, body=\"x\")");
        assertThat(ChaosRule.parse("http -> " + fault.toSpec()).fault()).isEqualTo(fault);
        assertThat(fault).isNotEqualTo(ChaosRule.parse("http -> status(500|503)").fault());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000 && seen.size() < 2; i++) {
            seen.add(fault.status());
        }
        assertThat(seen).containsExactlyInAnyOrder(500, 503);
        assertThatThrownBy(() -> ChaosRule.parse("http -> status(500|503, size=1)"))
                .isInstanceOf(ChaosSpecException.class).hasMessageContaining("at column 25")
                .hasMessageContaining("status takes an HTTP status code and optionally a body");
    }

    @Test
    void anSqlExceptionWithStateAndVendorCodeCarriesACause() {
        String spec = "jdbc -> exception(java.sql.SQLException, \"deadlock\", sqlState=40001, vendorCode=1213,"
                + " cause=java.io.IOException)";
        ChaosRule rule = ChaosRule.parse(spec);
        assertThat(rule.toSpec()).isEqualTo(spec);
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            monkey.arm(spec);
            Injection injection = monkey.decideJdbc("query", "select 1", "jdbc:h2:mem:x");
            assertThat(injection).isNotNull();
            Throwable t = injection.newThrowable(null, null);
            assertThat(t).isInstanceOf(SQLException.class).hasMessageContaining("deadlock");
            assertThat(((SQLException) t).getSQLState()).isEqualTo("40001");
            assertThat(((SQLException) t).getErrorCode()).isEqualTo(1213);
            assertThat(t.getCause()).isInstanceOf(IOException.class);
            assertThat(ChaosMonkey.isInjected(t)).isTrue();
        }
        assertThatThrownBy(() -> ChaosRule.parse("jdbc -> exception(java.sql.SQLException, cause=java.io.IOException,"
                + " sqlState=40001)")).isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("cause=<class> comes last");
    }

    @Test
    void rampAndScopeCombine() {
        ChaosRule rule = ChaosRule.parse("jdbc -> exception p=0.5 ramp=2m scope=checkout-test");
        assertThat(rule.ramp()).hasMinutes(2);
        assertThat(rule.scope()).isEqualTo("checkout-test");
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        assertThat(rule).isNotEqualTo(ChaosRule.parse("jdbc -> exception p=0.5 ramp=2m"));
    }
}
