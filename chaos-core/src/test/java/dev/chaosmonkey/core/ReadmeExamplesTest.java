package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Keeps the README honest: its spec examples and error messages are what the code does. */
class ReadmeExamplesTest {
    private static final Path README = Path.of("..", "README.md");

    private static List<String> specExamples() throws IOException {
        String text = Files.readString(README);
        Matcher block = Pattern.compile("```spec\\R(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> specs = new ArrayList<>();
        while (block.find()) {
            for (String line : block.group(1).split("\\R")) {
                if (!line.isBlank()) {
                    specs.add(line.strip());
                }
            }
        }
        return specs;
    }

    @Test
    void everyReadmeSpecParsesArmsAndRendersBackToItself() throws IOException {
        List<String> specs = specExamples();
        assertThat(specs).hasSizeGreaterThanOrEqualTo(8);
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build())) {
            for (String spec : specs) {
                assertThat(ChaosRule.parse(spec).toSpec()).isEqualTo(spec);
                String id = monkey.arm(spec);
                assertThat(monkey.rule(id).orElseThrow().getSpec()).isEqualTo(spec);
            }
            assertThat(monkey.rules()).hasSize(specs.size());
        }
    }

    @Test
    void readmeErrorMessagesAreTheRealOnes() throws IOException {
        String text = Files.readString(README);
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            for (String spec : List.of("jdbc -> delay(-5ms)", "jdbc sq=x -> exception",
                    "jdbc -> exception(com.acme.Nope)")) {
                assertThatThrownBy(() -> monkey.arm(spec)).isInstanceOfSatisfying(ChaosSpecException.class,
                        e -> assertThat(text).contains(e.getMessage()));
            }
        }
    }

    @Test
    void readmeBuilderExampleRendersAsDocumented() throws IOException {
        ChaosRule rule = ChaosRule.on(InjectionPoint.HTTP)
                .where("host", "inventory.*")
                .fault(Fault.httpStatus(503))
                .probability(0.5)
                .duration(java.time.Duration.ofMinutes(2))
                .build();
        assertThat(Files.readString(README)).contains("rule.toSpec(): " + rule.toSpec());
    }
}
