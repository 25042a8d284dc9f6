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

    private ChildJvm(List<String> command, java.util.Map<String, String> env) throws Exception {
        List<String> full = new ArrayList<>();
        full.add(JAVA);
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("CHAOS_"));
        builder.environment().putAll(env);
        process = builder.start();
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
        return new ChildJvm(List.of(arguments), java.util.Map.of());
    }

    /** Starts {@code java <arguments>} with these environment variables (no other {@code CHAOS_*} variable). */
    static ChildJvm startWithEnvironment(java.util.Map<String, String> env, String... arguments) throws Exception {
        return new ChildJvm(List.of(arguments), env);
    }

    /** Runs the agent jar's CLI ({@code java -jar chaos-agent.jar <args>}) to its end. */
    static Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", AGENT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish: " + out);
        }
        return new Cli(p.exitValue(), out);
    }

    /** What a CLI run printed and its exit code. */
    static final class Cli {
        final int exitCode;
        final String output;

        Cli(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }

    /** Kills the JVM at once (no exit hooks run), as an OOM killer or {@code kill -9} would. */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Lines printed so far that contain {@code text}. */
    List<String> linesContaining(String text) {
        List<String> found = new ArrayList<>();
        for (String l : lines) {
            if (l.contains(text)) {
                found.add(l);
            }
        }
        return found;
    }

    /** The jar or directory a class was loaded from. */
    static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Writes {@code line} to the JVM's standard input. */
    void send(String line) throws java.io.IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
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
