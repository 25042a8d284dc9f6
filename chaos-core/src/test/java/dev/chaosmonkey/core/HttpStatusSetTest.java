package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code status(500|502|503)}: a status drawn per call from a set. */
class HttpStatusSetTest {

    @Test
    void drawsEveryStatusOfTheSetUniformly() {
        HttpStatusFault fault = (HttpStatusFault) ChaosRule.parse("http -> status(500|502|503)").fault();
        assertThat(fault.toSpec()).isEqualTo("status(500|502|503)");
        assertThat(fault.statuses()).containsExactly(500, 502, 503);
        assertThat(ChaosRule.parse("http -> " + fault.toSpec()).fault()).isEqualTo(fault);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            counts.merge(fault.status(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(500, 502, 503);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(9_000, 11_000));
        HttpStatusFault single = (HttpStatusFault) ChaosRule.parse("http -> status(429)").fault();
        assertThat(single.status()).isEqualTo(429);
        assertThat(single.statuses()).isEqualTo(List.of(429));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "http -> status(500|404); 20; HTTP status must be 429 or 500-599, was 404",
        "http -> status(500|5x3); 20; '5x3' is not an HTTP status code",
        "http -> status(500|500); 20; status 500 given twice",
        "http -> status(500|); 20; '' is not an HTTP status code",
    })
    void badSetsNameTheStatusAndItsColumn(String spec, int column, String problem) {
        assertThatThrownBy(() -> ChaosRule.parse(spec)).isInstanceOfSatisfying(ChaosSpecException.class, e -> {
            assertThat(e.getMessage()).contains(problem);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }
}
