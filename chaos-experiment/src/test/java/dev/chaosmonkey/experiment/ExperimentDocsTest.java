package dev.chaosmonkey.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Keeps docs/experiments.md honest: its example parses and its error example is what the reader says. */
class ExperimentDocsTest {
    private static final Path DOC = Path.of("..", "docs", "experiments.md");

    private static String example() throws Exception {
        Matcher m = Pattern.compile("## Example\\R+```yaml\\R(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(m.find()).as("a yaml block under '## Example'").isTrue();
        return m.group(1);
    }

    @Test
    void theExampleParses() throws Exception {
        ExperimentDefinition d = ExperimentFile.parse(example(), "orders.yaml");
        assertThat(d.name()).isEqualTo("inventory-outage");
        assertThat(d.probes()).hasSize(2);
        assertThat(d.faults()).hasSize(2);
        assertThat(d.episodes()).isEqualTo(2);
        assertThat(d.ramp()).isNotNull();
        assertThat(d.abort()).hasSize(2);
        assertThat(d.targets("prod").maxErrorRate()).isEqualTo(0.01);
        assertThat(d.window()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theErrorExampleIsTheRealMessage() throws Exception {
        String broken = example().replace("window: 5s ", "window: 5 seconds ");
        String doc = Files.readString(DOC);
        assertThatThrownBy(() -> ExperimentFile.parse(broken, "orders.yaml")).satisfies(e -> assertThat(doc)
                .contains("`" + e.getMessage() + "`"));
    }
}
