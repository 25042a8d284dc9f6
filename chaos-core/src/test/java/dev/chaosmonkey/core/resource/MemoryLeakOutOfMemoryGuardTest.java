package dev.chaosmonkey.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

/** Proves the heap guard in a JVM with a 64 MB heap, where a leak of the whole heap would be fatal. */
class MemoryLeakOutOfMemoryGuardTest {
    private static final Pattern SAMPLE = Pattern.compile("retained=(\\d+) max=(\\d+)");

    @Test
    void leakOfTheWholeHeapStaysBelowTheGuardAndTheJvmSurvives() throws Exception {
        Child child = runChild("");

        assertThat(child.exitCode).as(child.output).isZero();
        assertThat(child.output).contains("done").doesNotContain("OutOfMemoryError");
        assertThat(child.samples).hasSizeGreaterThanOrEqualTo(30);
        long max = child.max;
        assertThat(child.samples).allSatisfy(retained ->
                assertThat(retained).as("retained bytes of max heap %d", max).isLessThanOrEqualTo((long) (0.8 * max)));
        assertThat(child.samples.stream().mapToLong(Long::longValue).max().orElse(0))
                .as("the leak did fill a good part of the heap").isGreaterThan(max / 4);
    }

    @Test
    void withoutTheGuardTheSameLeakRunsTheJvmOutOfMemory() throws Exception {
        Child child = runChild(", allowOutOfMemory=true");

        assertThat(child.exitCode).as(child.output).isNotZero();
        assertThat(child.output).contains("OutOfMemoryError").doesNotContain("done");
    }

    private static final class Child {
        int exitCode;
        String output;
        List<Long> samples = new ArrayList<>();
        long max;
    }

    private static Child runChild(String extraArguments) throws IOException, InterruptedException,
            URISyntaxException {
        String classPath = location(LeakGuardMain.class) + File.pathSeparator + location(ChaosMonkey.class);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.util.logging.config.file=none", "-cp", classPath, LeakGuardMain.class.getName(),
                extraArguments);
        pb.redirectErrorStream(true);
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish");
        }
        Child child = new Child();
        child.exitCode = process.exitValue();
        child.output = new String(out, StandardCharsets.UTF_8);
        Matcher m = SAMPLE.matcher(child.output);
        while (m.find()) {
            child.samples.add(Long.parseLong(m.group(1)));
            child.max = Long.parseLong(m.group(2));
        }
        return child;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        Path path = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return path.toString();
    }
}
