package dev.chaosmonkey.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosRule;

/**
 * The experiment files in {@code experiments/}: one per scenario, each named like its file, probing the service's
 * default address, and every fault a spec chaos-core accepts (the target would refuse the run otherwise). The full
 * file format is checked by the CLI itself when {@code DemoScriptIT} runs one.
 */
class ExperimentFilesTest {
    private static final Path DIR = Path.of("experiments");

    @Test
    void everyScenarioHasAFile() throws IOException {
        assertThat(names()).containsExactlyInAnyOrder("inventory-outage", "inventory-refused",
                "network-delay-light", "network-delay-medium", "network-delay-heavy", "database-downtime-light",
                "database-downtime-heavy", "broker-outage", "pool-exhaustion", "memory-pressure-light",
                "memory-pressure-medium", "memory-pressure-heavy", "cpu-burn-light", "cpu-burn-medium",
                "cpu-burn-heavy");
    }

    @Test
    void filesAreNamedProbeTheServiceAndCarryValidFaultSpecs() throws IOException {
        for (Path file : files()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String base = file.getFileName().toString().replace(".yaml", "");
            assertThat(lines).as(file.toString()).contains("name: " + base)
                    .anySatisfy(l -> assertThat(l).startsWith("hypothesis: "))
                    .anySatisfy(l -> assertThat(l).contains("url: http://127.0.0.1:8080/"));
            List<String> faults = faults(lines);
            assertThat(faults).as("faults of %s", file).isNotEmpty();
            for (String spec : faults) {
                assertThatCode(() -> ChaosRule.parse(spec)).as("%s: %s", file, spec).doesNotThrowAnyException();
            }
        }
    }

    /** The list items under {@code method.faults} (the files keep each spec on one line, unquoted). */
    private static List<String> faults(List<String> lines) {
        List<String> specs = new ArrayList<>();
        boolean inFaults = false;
        for (String line : lines) {
            if (line.equals("  faults:")) {
                inFaults = true;
            } else if (inFaults && line.startsWith("    - ")) {
                specs.add(line.substring("    - ".length()).trim());
            } else if (inFaults) {
                inFaults = false;
            }
        }
        return specs;
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<String> names() throws IOException {
        return files().stream().map(p -> p.getFileName().toString().replace(".yaml", "")).toList();
    }
}
