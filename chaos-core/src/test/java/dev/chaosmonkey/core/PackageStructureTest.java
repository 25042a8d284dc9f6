package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The doors between chaos-core's packages, checked on the sources so that a new file cannot quietly break them. */
class PackageStructureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/chaosmonkey/core");
    private static final Pattern INSTANCEOF_FAULT = Pattern.compile(
            "instanceof\\s+(Exception|Delay|Timeout|HttpStatus|Resource)Fault\\b");

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void internalIsALeafThatImportsNothingElseOfChaosCore() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources(MAIN.resolve("internal"))) {
            for (String line : Files.readAllLines(p)) {
                if (line.matches("import dev\\.chaosmonkey\\.core\\.(?!internal\\.).*")) {
                    offenders.add(p.getFileName() + ": " + line);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIs() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(MAIN)) {
            dirs = s.filter(Files::isDirectory).collect(Collectors.toList());
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(d -> assertThat(d.resolve("package-info.java")).exists());
    }

    @Test
    void noDispatchOnFaultSubclasses() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources(MAIN)) {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = INSTANCEOF_FAULT.matcher(lines.get(i));
                // equals(Object) of a fault compares with its own class: that is not a dispatch
                boolean ownEquals = m.find() && p.getFileName().toString().equals(m.group(1) + "Fault.java");
                if (INSTANCEOF_FAULT.matcher(lines.get(i)).find() && !ownEquals) {
                    offenders.add(p.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
