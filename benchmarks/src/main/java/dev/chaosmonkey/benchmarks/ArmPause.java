package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * Part {@code arm}: what arming a rule costs in a running application when the agent weaves lazily. The Spring Boot
 * application runs with the chaos agent and nothing armed, and with its pause monitor on (a thread that queries H2
 * through the application's pool about every millisecond and keeps the longest gap between two answers). This JVM
 * attaches (Attach API, then the JDK's local JMX connector) and, through the {@code dev.chaosmonkey:type=ChaosMonkey}
 * MBean, arms in turn: the first rule ({@code jdbc}, so the first weaving), a second rule on the same point, and a
 * rule on a new point ({@code http}). For each it records how long {@code arm} took and the longest gap the
 * querying thread saw during that call, plus the same gap in a quiet window before and in the windows after.
 */
final class ArmPause {
    static final String CHAOS_MBEAN = "dev.chaosmonkey:type=ChaosMonkey";
    /** The rules armed in turn; none matches anything the application does. */
    static final List<String[]> STEPS = List.of(
            new String[] {"first rule (jdbc: the JDBC classes woven)",
                "jdbc sql=\"never matches 1\" -> exception"},
            new String[] {"second rule, same point", "jdbc sql=\"never matches 2\" -> exception"},
            new String[] {"rule on a new point (http: ByteBuddy installed)", "http host=never.invalid -> exception"});
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration AFTER = Duration.ofMillis(1500);
    private static final Pattern CALLS = Pattern.compile("\"calls\"\\s*:\\s*(\\d+)");
    private static final Pattern FAILURES = Pattern.compile("\"failures\"\\s*:\\s*(\\d+)");
    private static final Pattern MAX_GAP = Pattern.compile("\"maxGapMillis\"\\s*:\\s*([0-9.Ee+-]+)");

    /**
     * What the pause monitor saw in one window.
     *
     * @param calls queries answered
     * @param failures queries that failed
     * @param maxGapMillis longest gap between two answers, including the monitor's 1 ms pacing
     */
    record Window(long calls, long failures, double maxGapMillis) {
    }

    /**
     * One rule armed.
     *
     * @param step what was armed
     * @param armMillis how long the JMX {@code arm} call took
     * @param during the monitor's window covering the call
     * @param after the window of {@link #AFTER} following it
     */
    record Step(String step, double armMillis, Window during, Window after) {
    }

    /**
     * One application run.
     *
     * @param quiet the monitor's window before anything was armed
     * @param steps the rules armed in turn
     * @param internalErrors the chaos state's internal error count at the end
     */
    record Round(Window quiet, List<Step> steps, long internalErrors) {
    }

    private ArmPause() {
    }

    /** The JSON {@code PauseController} answers, parsed. */
    static Window parseWindow(String json) {
        return new Window(Long.parseLong(field(CALLS, json)), Long.parseLong(field(FAILURES, json)),
                Double.parseDouble(field(MAX_GAP, json)));
    }

    private static String field(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("not a pause window (no " + pattern.pattern() + "): " + json);
        }
        return m.group(1);
    }

    /** {@code rounds} fresh application JVMs, one round each. */
    static List<Round> measure(Path jar, Path chaosAgent, int rounds) throws IOException, InterruptedException {
        List<Round> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<String> args = new ArrayList<>(BootStartup.commonArgs());
            args.add(ChaosAgentArgs.idle(chaosAgent));
            args.add("-Dbench.pause-monitor=true");
            Round[] round = new Round[1];
            BootLaunch.launch(args, jar, (process, port) -> round[0] = oneRound(process, port));
            results.add(round[0]);
            Round x = round[0];
            System.out.printf("   round %d/%d quiet gap %.1f ms; %s%n", r + 1, rounds, x.quiet().maxGapMillis(),
                    x.steps().stream().map(s -> String.format("arm %.0f ms (gap %.1f ms, after %.1f ms)",
                            s.armMillis(), s.during().maxGapMillis(), s.after().maxGapMillis())).toList());
        }
        return results;
    }

    private static Round oneRound(Process process, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        URI pauses = URI.create("http://127.0.0.1:" + port + "/bench/pauses");
        VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            ObjectName chaos = new ObjectName(CHAOS_MBEAN);
            awaitRegistered(mbeans, chaos);
            Object specs = mbeans.getAttribute(chaos, "RuleSpecs"); // an MXBean's List<String> arrives as String[]
            if (specs instanceof Object[] armed && armed.length > 0) {
                throw new IllegalStateException("rules were armed before the measurement: " + List.of(armed));
            }
            window(http, pauses); // starts the quiet window
            Thread.sleep(QUIET.toMillis()); // a measurement window, not synchronisation
            Window quiet = window(http, pauses);
            List<Step> steps = new ArrayList<>();
            for (String[] step : STEPS) {
                long start = System.nanoTime();
                Object id = mbeans.invoke(chaos, "arm", new Object[] {step[1]}, new String[] {String.class.getName()});
                double armMillis = (System.nanoTime() - start) / 1e6;
                Window during = window(http, pauses);
                if (id == null || id.toString().isBlank()) {
                    throw new IllegalStateException("arm returned no rule id for " + step[1]);
                }
                Thread.sleep(AFTER.toMillis());
                steps.add(new Step(step[0], armMillis, during, window(http, pauses)));
            }
            long errors = ((Number) mbeans.getAttribute(chaos, "InternalErrors")).longValue();
            return new Round(quiet, steps, errors);
        }
    }

    private static void awaitRegistered(MBeanServerConnection mbeans, ObjectName name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!mbeans.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not registered within 60 s: is the chaos agent on?");
            }
            Thread.sleep(100);
        }
    }

    private static Window window(HttpClient http, URI pauses) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(pauses)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + pauses + " answered " + response.statusCode()
                    + " (is bench.pause-monitor on?): " + response.body());
        }
        return parseWindow(response.body());
    }
}
