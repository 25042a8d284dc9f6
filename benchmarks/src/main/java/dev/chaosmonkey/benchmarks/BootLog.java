package dev.chaosmonkey.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks read from a Spring Boot application's console and from the JVM's {@code -Xlog:class+load}
 * file: pure functions over text, so that the smoke tests check them against captured output without starting a
 * JVM.
 */
final class BootLog {
    /** The JVM's warning when an agent appended to the bootstrap class path: CDS then covers boot classes only. */
    static final String SHARING_WARNING = "Sharing is only supported for boot loader classes";

    private static final Pattern STARTED =
            Pattern.compile("Started (\\S+) in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final String CLASS_LOAD_TAG = "[class,load]";
    private static final String SHARED_SOURCE = "source: shared objects file";

    private BootLog() {
    }

    /**
     * Spring Boot's own start-up report, from its {@code Started X in N seconds (process running for M)} line.
     *
     * @param application the application class's simple name
     * @param startedSeconds the {@code in N seconds} figure (from the {@code SpringApplication} start)
     * @param processSeconds the {@code process running for M} figure (from the JVM's start)
     */
    record Started(String application, double startedSeconds, double processSeconds) {
    }

    /** The started report in the line, or {@code null} when the line is not Boot's started line. */
    static Started started(String line) {
        Matcher m = STARTED.matcher(line);
        if (!m.find()) {
            return null;
        }
        return new Started(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }

    /** The HTTP port in Tomcat's {@code Tomcat started on port N} line. */
    static OptionalInt port(String line) {
        Matcher m = PORT.matcher(line);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** Whether the line is the JVM's "sharing only for boot loader classes" warning. */
    static boolean isSharingWarning(String line) {
        return line.contains(SHARING_WARNING);
    }

    /**
     * Whether the line is a warning or error of the JVM ({@code OpenJDK 64-Bit Server VM warning: ...},
     * {@code WARNING: ...} such as the {@code sun.misc.Unsafe} notice, unified logging's {@code [warning]} and
     * {@code [error]}, e.g. JDK 25's {@code [error][aot] ... Unable to map shared spaces} when an AOT cache is
     * rejected) or a {@code java.util.logging} / {@code System.Logger} {@code WARNING:} line of an agent. Spring
     * Boot's own {@code WARN} log lines are not.
     */
    static boolean isJvmWarning(String line) {
        return line.contains("VM warning:") || line.startsWith("WARNING:") || line.contains("[warning]")
                || line.contains("[error]");
    }

    /**
     * Classes loaded, and how many of them came from a CDS archive or AOT cache.
     *
     * @param total {@code [class,load]} lines
     * @param shared of those, lines whose source is {@code shared objects file} (the JDK's default archive, a
     *         {@code -XX:SharedArchiveFile} archive ({@code (top)}) or a JDK 24+ AOT cache)
     */
    record ClassLoads(long total, long shared) {
        /** Shared / total, {@code NaN} for an empty log. */
        double hitRate() {
            return total == 0 ? Double.NaN : (double) shared / total;
        }

        ClassLoads plus(String line) {
            if (!line.contains(CLASS_LOAD_TAG)) {
                return this;
            }
            return new ClassLoads(total + 1, line.contains(SHARED_SOURCE) ? shared + 1 : shared);
        }
    }

    /** Counts a {@code -Xlog:class+load:file=...} log. */
    static ClassLoads classLoads(Path log) throws IOException {
        ClassLoads counts = new ClassLoads(0, 0);
        try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                counts = counts.plus(line);
            }
        }
        return counts;
    }
}
