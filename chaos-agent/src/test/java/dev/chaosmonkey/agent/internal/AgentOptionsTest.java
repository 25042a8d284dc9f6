package dev.chaosmonkey.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void aSingleBareSpecWithCommasIsOneSpec() {
        AgentOptions o = AgentOptions.parse("jdbc sql~\"(?i)from orders\" -> exception(java.sql.SQLException, \"a, b\") p=0.3");
        assertThat(o.specs()).containsExactly(
                "jdbc sql~\"(?i)from orders\" -> exception(java.sql.SQLException, \"a, b\") p=0.3");
        assertThat(o.config()).isNull();
        assertThat(o.enabled()).isNull();
    }

    @Test
    void semicolonsSeparateItemsButNotInsideQuotes() {
        AgentOptions o = AgentOptions.parse(
                "enabled=true; spec=jdbc sql=\"select 1; select 2\" -> delay(10ms) ;config=/tmp/chaos.txt;"
                        + "http host=api -> status(503)");
        assertThat(o.enabled()).isTrue();
        assertThat(o.config()).isEqualTo(Path.of("/tmp/chaos.txt"));
        assertThat(o.specs()).containsExactly("jdbc sql=\"select 1; select 2\" -> delay(10ms)",
                "http host=api -> status(503)");
    }

    @Test
    void escapedQuotesStayInsideTheString() {
        assertThat(AgentOptions.split("spec=custom name=\"a\\\";b\" -> exception;enabled=false"))
                .containsExactly("spec=custom name=\"a\\\";b\" -> exception", "enabled=false");
    }

    @Test
    void blankMeansNothing() {
        assertThat(AgentOptions.parse(null).specs()).isEmpty();
        assertThat(AgentOptions.parse(" ; ").specs()).isEmpty();
    }

    @Test
    void badItemsAreNamed() {
        assertThatThrownBy(() -> AgentOptions.parse("enabled=yes")).hasMessageContaining("enabled=yes");
        assertThatThrownBy(() -> AgentOptions.parse("verbose")).hasMessageContaining("unknown agent option 'verbose'");
        assertThatThrownBy(() -> AgentOptions.parse("config=")).hasMessageContaining("needs a file name");
    }

    @Test
    void formatRoundTrips() {
        String text = AgentOptions.format(List.of("kafka topic=a -> exception", "http -> status(500)"), "/x.txt", true);
        AgentOptions o = AgentOptions.parse(text);
        assertThat(o.enabled()).isTrue();
        assertThat(o.config()).isEqualTo(Path.of("/x.txt"));
        assertThat(o.specs()).containsExactly("kafka topic=a -> exception", "http -> status(500)");
    }
}
