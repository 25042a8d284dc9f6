package dev.chaosmonkey.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the benchmark's Spring Boot application ({@code benchmarks/boot-app}) in a fresh JVM and times it: from
 * just before the process is created to Boot's {@code Started ... in} line on its console, and to the first page
 * served ({@code GET /members?lastName=}: a JPA query rendered by Thymeleaf) on 127.0.0.1. While the application
 * runs, an optional {@link WhileRunning} step can act on it (the {@code arm} part arms rules over JMX); then the JVM
 * is stopped (SIGTERM, then killed after 30 s).
 */
final class BootLaunch {
    /** Generous for a loaded 2-core machine: the application starts in 10-20 s there. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** The page requested after the started line. */
    static final String FIRST_PAGE = "/members?lastName=";
    private static final int TAIL_LINES = 60;

    /**
     * One start-up.
     *
     * @param startedMillis launch to the started line, measured by this JVM
     * @param firstPageMillis launch to the end of the first page's response
     * @param started Boot's own report from the started line
     * @param sharingWarning whether the JVM printed {@link BootLog#SHARING_WARNING}
     * @param warnings console lines that are JVM or agent warnings ({@link BootLog#isJvmWarning})
     */
    record Timing(double startedMillis, double firstPageMillis, BootLog.Started started, boolean sharingWarning,
            List<String> warnings) {
    }

    /** Something done to the running application before it is stopped. */
    @FunctionalInterface
    interface WhileRunning {
        void run(Process process, int port) throws Exception;
    }

    private BootLaunch() {
    }

    /** The java launcher of the JVM running the suite ({@code JAVA_HOME} in run.sh). */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs {@code java <jvmArgs> -jar <jar>}, waits for the started line and the first page, runs the step and
     * stops the JVM.
     */
    static Timing launch(List<String> jvmArgs, Path jar, WhileRunning step) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        Console console = new Console(process, start);
        try {
            Console.Ready ready;
            try {
                ready = console.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the application printed no started line within " + START_TIMEOUT
                        + ": " + command + "\n" + console.tail());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage() + ": " + command + "\n" + console.tail());
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ready.port + FIRST_PAGE)).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long firstPage = System.nanoTime();
            if (page.statusCode() != 200 || !page.body().contains("<table")) {
                throw new IllegalStateException("first page answered HTTP " + page.statusCode() + ": "
                        + page.body().substring(0, Math.min(300, page.body().length())) + "\n" + console.tail());
            }
            if (step != null) {
                try {
                    step.run(process, ready.port);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("the step on the running application failed: " + e, e);
                }
            }
            return new Timing((ready.nanos - start) / 1e6, (firstPage - start) / 1e6, ready.started,
                    console.sharingWarning(), console.warnings());
        } finally {
            stop(process);
        }
    }

    /**
     * Runs {@code java <jvmArgs> -jar <jar>} to its end (a training run with {@code -Dspring.context.exit=onRefresh},
     * an extraction) and returns its console; fails on a non-zero exit.
     */
    static List<String> runToEnd(List<String> jvmArgs, Path jar, List<String> appArgs, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(appArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Console console = new Console(process, System.nanoTime());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(process);
            throw new IllegalStateException("did not end within " + timeout + ": " + command + "\n" + console.tail());
        }
        console.drained.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "\n" + console.tail());
        }
        return console.lines();
    }

    static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Drains the child's console on a daemon thread: keeps a tail, the warnings, and signals the started line. */
    private static final class Console {
        /** The moment the started line was read, and the port Tomcat reported before it. */
        record Ready(long nanos, int port, BootLog.Started started) {
        }

        final CompletableFuture<Ready> ready = new CompletableFuture<>();
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        private final Deque<String> tail = new ArrayDeque<>();
        private final List<String> all = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private boolean sharingWarning;
        private int port = -1;

        Console(Process process, long start) {
            Thread reader = new Thread(() -> read(process), "boot-console-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process process) {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    long now = System.nanoTime();
                    synchronized (this) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                        if (all.size() < 10_000) {
                            all.add(line);
                        }
                        if (BootLog.isSharingWarning(line)) {
                            sharingWarning = true;
                        }
                        if (BootLog.isJvmWarning(line) && warnings.size() < 20) {
                            warnings.add(line.strip());
                        }
                    }
                    if (port < 0) {
                        port = BootLog.port(line).orElse(-1);
                    }
                    BootLog.Started started = BootLog.started(line);
                    if (started != null && !ready.isDone()) {
                        if (port < 0) {
                            ready.completeExceptionally(new IllegalStateException(
                                    "started line before Tomcat's port line"));
                        } else {
                            ready.complete(new Ready(now, port, started));
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is kept
            } finally {
                ready.completeExceptionally(new IllegalStateException("the application ended before its started "
                        + "line"));
                drained.complete(null);
            }
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }

        synchronized List<String> lines() {
            return List.copyOf(all);
        }

        synchronized List<String> warnings() {
            return List.copyOf(warnings);
        }

        synchronized boolean sharingWarning() {
            return sharingWarning;
        }
    }
}
