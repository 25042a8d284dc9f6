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
        assertThatThrownBy(() -> AgentOptions.parse("verbose"))
                .hasMessageContaining("unknown agent option 1 of 1 'verbose'");
        assertThatThrownBy(() -> AgentOptions.parse("config=")).hasMessageContaining("needs a file name");
    }

    @Test
    void oneBadItemRejectsTheWholeStringAndNamesItsPosition() {
        assertThatThrownBy(() -> AgentOptions.parse("enabled=true;spec=jdbc -> exception;bogus=1"))
                .hasMessageStartingWith("unknown agent option 3 of 3 'bogus=1'");
        assertThatThrownBy(() -> AgentOptions.parse("config=/a;config=/b"))
                .hasMessageContaining("agent option 2 of 2").hasMessageContaining("config= may be given once");
        assertThatThrownBy(() -> AgentOptions.parse("spec=")).hasMessageContaining("spec= needs a fault spec");
    }

    @Test
    void controlCharactersInABadItemAreEscapedAndLongItemsCapped() {
        assertThatThrownBy(() -> AgentOptions.parse("bogus\n2099-01-01 INFO all good\u001b[2K" + "x".repeat(5000)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b")
                        .contains("\\u000a2099").hasSizeLessThan(500));
    }

    @Test
    void theCliOptionsAreRecognised() {
        AgentOptions o = AgentOptions.parse("cli-connector=abcdef0123456789:tok;cli-attach");
        assertThat(o.connector()).isEqualTo("abcdef0123456789:tok");
        assertThat(o.cliAttach()).isTrue();
        assertThat(o.isEmpty()).isTrue();
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
