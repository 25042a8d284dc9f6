package dev.chaosmonkey.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A separate JVM started by an integration test, with its output collected line by line. */
final class ChildJvm implements AutoCloseable {
    /** The {@code java} launcher of the JVM running the tests. */
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The packaged agent jar under test (set by failsafe). */
    static final String AGENT = System.getProperty("chaos.agent.jar");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        full.add(JAVA);
        full.addAll(command);
        process = new ProcessBuilder(full).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java <arguments>}. */
    static ChildJvm start(String... arguments) throws Exception {
        return new ChildJvm(List.of(arguments));
    }

    /** The jar or directory a class was loaded from. */
    static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Every line printed so far. */
    List<String> lines() {
        return lines;
    }

    /** How many lines have been printed so far: a mark for {@link #printedSince(int, String)}. */
    int linesSoFar() {
        return lines.size();
    }

    /** Whether a line starting with {@code prefix} was printed after the first {@code from} lines. */
    boolean printedSince(int from, String prefix) {
        List<String> copy = new ArrayList<>(lines);
        return copy.subList(Math.min(from, copy.size()), copy.size()).stream().anyMatch(l -> l.startsWith(prefix));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
