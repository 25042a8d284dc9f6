package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Rules armed by the agent options are woven on a background thread while the application starts ({@code
 * WeaveGate}): the JDBC weaver first, ByteBuddy's instrumentations then, or on demand for HTTP; the JDBC, HTTP and
 * method classes the application loads first wait for their weaver, so the very first query, HTTP call and method
 * call of the JVM are faulted. Nothing is missed, nothing fails to weave.
 */
class AgentOptionsWeavingIT {
    @Test
    void rulesOfTheAgentOptionsFireFromTheFirstCall() throws Exception {
        String classpath = firstCallClasspath();
        String options = "enabled=true"
                + ";spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")"
                + ";spec=http host=127.0.0.1 -> status(503)"
                + ";spec=method class=com.example.shop.Inventory method=reserve -> exception(java.lang.IllegalStateException,"
                + " \"first reserve\")";
        String output = outputOf(120, ChildJvm.JAVA, "-javaagent:" + ChildJvm.AGENT + "=" + options,
                "-Dchaos.agent.trace-startup=true", "-cp", classpath, FirstCallApp.class.getName());
        List<String> lines = output.lines().toList();
        assertThat(lines).as("output:%n%s", output)
                .contains("JDBC FAIL java.sql.SQLTransientConnectionException: first query",
                        "HTTP 503", "METHOD FAIL java.lang.IllegalStateException: first reserve",
                        "INTERNAL-ERRORS 0", "DONE")
                .anyMatch(l -> l.contains("wove for the rules of the agent options in")
                        && l.contains("in the background"))
                // premain returned before ByteBuddy was installed: the installation was not on the start-up path
                .anyMatch(l -> l.contains("[main] agent start returns"))
                .noneMatch(l -> l.contains("could not instrument"))
                .noneMatch(l -> l.contains("ms for the weaver and loads without it"));
    }

    /**
     * Rules on JDBC and HTTP only: JDBC is woven without ByteBuddy, and ByteBuddy is installed when the first HTTP
     * client class loads, which waits for it: the first query fails before any class of ByteBuddy's agent builder
     * has loaded, and the first HTTP call still gets its status fault.
     */
    @Test
    void rulesOnJdbcAndHttpLoadByteBuddyOnlyWhenTheFirstHttpClientLoads() throws Exception {
        List<String> lines = runFirstCalls("enabled=true"
                + ";spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")"
                + ";spec=http host=127.0.0.1 -> status(503)");
        int firstQuery = lines.indexOf("JDBC FAIL java.sql.SQLTransientConnectionException: first query");
        int byteBuddy = firstIndex(lines, AGENT_BUILDER);
        assertThat(firstQuery).as("output:%n%s", String.join("\n", lines)).isNotNegative();
        assertThat(byteBuddy).as("ByteBuddy loaded after the first query%n%s", String.join("\n", lines))
                .isGreaterThan(firstQuery);
        assertThat(lines).contains("HTTP 503", "METHOD OK 1", "INTERNAL-ERRORS 0", "DONE")
                .anyMatch(l -> l.contains("wove the HTTP clients on demand in"))
                .noneMatch(l -> l.contains("could not instrument"))
                .noneMatch(l -> l.contains("ms for the weaver and loads without it"));
    }

    /**
     * A JDBC class that gave up waiting for a late weaver (here: no wait at all, and the background weaving held back
     * 3 s, as a loaded machine may) loads unwoven; the weaver retransforms it once it is in, so the rule acts from
     * then on. Without that retransformation (ByteBuddy's installation used to do it) the class stayed unwoven.
     */
    @Test
    void aJdbcClassThatGaveUpWaitingIsWovenOnceTheWeaverIsIn() throws Exception {
        String classpath = firstCallClasspath();
        String output = outputOf(120, ChildJvm.JAVA, "-Dchaos.agent.weaver-wait-ms=0",
                "-Dchaos.agent.background-delay-ms=3000", "-Dfirst.call.queries=300", "-javaagent:" + ChildJvm.AGENT
                        + "=enabled=true;spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException,"
                        + " \"late\")", "-cp", classpath, FirstCallApp.class.getName());
        assertThat(output.lines().toList()).as("output:%n%s", output)
                .contains("JDBC OK 5", "JDBC FAIL java.sql.SQLTransientConnectionException: late", "DONE")
                .anyMatch(l -> l.contains("ms for the weaver and loads without it"));
    }

    /**
     * Another agent listed first loads {@code HttpURLConnection}'s implementation in its {@code premain}, before the
     * chaos agent's transformer exists: no later class load would start ByteBuddy on demand for it, and a
     * retransformation in the background could come after the application's first call, so premain waits for the
     * weaving, ByteBuddy included; that first call gets its fault.
     */
    @Test
    void anHttpClientClassLoadedByAnAgentBeforeOursStillGetsItsFault(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path preloader = dir.resolve("preloader.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", PreloadingAgent.class.getName());
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(
                java.nio.file.Files.newOutputStream(preloader), manifest)) {
            // the agent class comes from the class path
        }
        String output = outputOf(120, ChildJvm.JAVA, "-javaagent:" + preloader, "-javaagent:" + ChildJvm.AGENT
                + "=enabled=true;spec=http host=127.0.0.1 -> status(503)", "-cp",
                ChildJvm.location(UrlConnectionApp.class).toString(), UrlConnectionApp.class.getName());
        assertThat(output.lines().toList()).as("output:%n%s", output)
                .contains("PRELOADED", "URL 503", "DONE")
                .noneMatch(l -> l.contains("could not instrument"));
    }

    /** A rule on JDBC alone never loads ByteBuddy's agent builder, and an HTTP call meanwhile is left alone. */
    @Test
    void aRuleOnJdbcAloneNeverLoadsByteBuddy() throws Exception {
        List<String> lines = runFirstCalls("enabled=true"
                + ";spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")");
        assertThat(lines).as("output:%n%s", String.join("\n", lines))
                .contains("JDBC FAIL java.sql.SQLTransientConnectionException: first query", "HTTP 200",
                        "METHOD OK 1", "INTERNAL-ERRORS 0", "DONE")
                .noneMatch(l -> l.contains(AGENT_BUILDER));
    }

    /**
     * ByteBuddy's agent builder as the JVM's class-load log names it once one is made (the verifier of the agent's
     * installation code loads a few of ByteBuddy's interfaces, never this class).
     */
    private static final String AGENT_BUILDER = "shaded.bytebuddy.agent.builder.AgentBuilder$Default ";

    private static int firstIndex(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    /** {@link FirstCallApp} with these agent options and the JVM's class-load log, its output's lines. */
    private static List<String> runFirstCalls(String options) throws Exception {
        String classpath = firstCallClasspath();
        String output = outputOf(120, ChildJvm.JAVA, "-Xlog:class+load=info", "-javaagent:" + ChildJvm.AGENT + "="
                + options, "-cp", classpath, FirstCallApp.class.getName());
        return output.lines().toList();
    }

    /**
     * premain can itself load a class that waits for the weaver: a config file read after the options' rules were
     * armed names an exception class whose name looks like a JDBC type. The weaver must not need anything premain
     * holds (it once waited for the agent's start-up lock, so that class load stalled for the whole bounded wait).
     */
    @Test
    void premainLoadingAWaitingClassDoesNotStall(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = dir.resolve("rules.txt");
        java.nio.file.Files.writeString(config, "jdbc operation=update -> exception("
                + "org.h2.jdbc.JdbcSQLNonTransientConnectionException, \"from the file\")\n");
        String classpath = firstCallClasspath();
        String options = "enabled=true"
                + ";spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")"
                + ";config=" + config;
        long begin = System.nanoTime();
        String output = outputOf(120, ChildJvm.JAVA, "-javaagent:" + ChildJvm.AGENT + "=" + options,
                "-Dchaos.agent.weaver-wait-ms=60000", "-cp", classpath, FirstCallApp.class.getName());
        assertThat(output.lines().toList()).as("output:%n%s", output)
                .contains("JDBC FAIL java.sql.SQLTransientConnectionException: first query", "DONE")
                .noneMatch(l -> l.contains("ms for the weaver and loads without it"));
        // a stall would last the whole 60 s wait; a loaded machine takes a few seconds
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - begin)).isLessThan(java.time.Duration
                .ofSeconds(45));
    }

    /**
     * Nothing in the agent options, and the application arms a rule as the first statement of {@code main}: the
     * agent's listener for the first rule is in place before {@code main} runs, so the weaving happens on the arming
     * thread and {@code arm} returns with the rule acting. It used to be connected from a daemon thread, which a
     * quick application beat on a loaded machine (its first calls ran unwoven, and a rule armed and disarmed before
     * that thread ran was never woven at all); {@code -Dchaos.agent.background-delay-ms} makes that thread late here.
     */
    @Test
    void aRuleTheApplicationArmsAtOnceFiresOnItsFirstCall() throws Exception {
        for (int run = 0; run < 3; run++) {
            assertArmAtOnceFaultsTheFirstCall(run, "-javaagent:" + ChildJvm.AGENT,
                    "-Dchaos.agent.background-delay-ms=" + (run == 0 ? 0 : 1500));
        }
    }

    /** Runs {@link ArmAtOnceApp} with {@code jvmArguments}: its first call of the armed method must be faulted. */
    private static void assertArmAtOnceFaultsTheFirstCall(int run, String... jvmArguments) throws Exception {
        String classpath = ChildJvm.location(ArmAtOnceApp.class) + File.pathSeparator
                + ChildJvm.location(dev.chaosmonkey.core.ChaosMonkey.class);
        List<String> command = new java.util.ArrayList<>(List.of(ChildJvm.JAVA));
        command.addAll(List.of(jvmArguments));
        command.addAll(List.of("-cp", classpath, ArmAtOnceApp.class.getName()));
        String output = outputOf(60, command.toArray(new String[0]));
        assertThat(output.lines().toList()).as("run %d, output:%n%s", run, output)
                .contains("METHOD FAIL java.lang.IllegalStateException: at once", "DONE");
    }

    /**
     * A rule in the agent options (ByteBuddy then installs in the background: HTTP, with ByteBuddy on demand turned
     * off), and the application arms a method rule of its own as the first statement of {@code main}, while that
     * installation is still running: {@code arm} waits for it, so the method's first call is faulted. With ByteBuddy
     * on demand, the arming thread installs it. It used to return at once, and the rule acted only once the
     * background installation was done (the benchmarks' woven-call priming saw 0 calls).
     */
    @Test
    void aRuleTheApplicationArmsWhileTheOptionsAreBeingWovenFiresOnItsFirstCall() throws Exception {
        for (int run = 0; run < 2; run++) {
            assertArmAtOnceFaultsTheFirstCall(run, "-Dchaos.agent.byte-buddy-on-demand=" + (run == 1),
                    "-javaagent:" + ChildJvm.AGENT + "=enabled=true;spec=http host=unreachable.invalid -> exception");
        }
    }

    /**
     * The fallback for a JVM that refuses to define the bridge classes in the boot loader, forced with
     * {@code -Dchaos.agent.append-bridge=true}: the bridge jar is appended to the bootstrap class path (class-data
     * sharing then covers boot classes only, which the JVM says), the rules of the options still fire from the first
     * call, and the private copy of the bridge jar is deleted when the JVM exits.
     */
    @Test
    void theAppendedBridgeJarFallbackWeavesToo() throws Exception {
        String classpath = firstCallClasspath();
        String options = "enabled=true"
                + ";spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")"
                + ";spec=http host=127.0.0.1 -> status(503)";
        String output = outputOf(120, ChildJvm.JAVA, "-Dchaos.agent.append-bridge=true", "-Xlog:class+load=info",
                "-javaagent:" + ChildJvm.AGENT + "=" + options, "-cp", classpath, FirstCallApp.class.getName());
        List<String> lines = output.lines().toList();
        assertThat(lines).as("output:%n%s", output)
                .contains("JDBC FAIL java.sql.SQLTransientConnectionException: first query", "HTTP 503",
                        "INTERNAL-ERRORS 0", "DONE")
                .noneMatch(l -> l.contains("could not instrument"));
        String bridge = lines.stream().filter(l -> l.contains(" dev.chaosmonkey.agent.bootstrap.ChaosBridge source: "))
                .findFirst().orElseThrow(() -> new AssertionError("ChaosBridge not loaded:\n" + output));
        // loaded from the appended private jar, not defined in the boot loader
        assertThat(bridge).contains("chaos-bootstrap-").endsWith(".jar");
        java.nio.file.Path jar = java.nio.file.Path.of(bridge.substring(bridge.indexOf("source: ") + 8).trim());
        assertThat(jar).as("the private bridge jar is deleted at exit").doesNotExist();
    }

    /** The class path of {@link FirstCallApp}: the test classes and H2. */
    private static String firstCallClasspath() throws Exception {
        return ChildJvm.location(FirstCallApp.class) + File.pathSeparator + ChildJvm.location(org.h2.Driver.class);
    }

    /** Runs a JVM with this command line, standard error merged in: its whole output, once it exited in time. */
    private static String outputOf(long timeoutSeconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("exited within %d s", timeoutSeconds).isTrue();
        return output;
    }
}
