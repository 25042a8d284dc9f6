package dev.chaosmonkey.agent.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;
import javax.management.remote.JMXConnector;


import dev.chaosmonkey.experiment.ChaosTarget;
import dev.chaosmonkey.experiment.Durations;
import dev.chaosmonkey.experiment.ExperimentDefinition;
import dev.chaosmonkey.experiment.ExperimentFile;
import dev.chaosmonkey.experiment.ExperimentFileException;
import dev.chaosmonkey.experiment.ExperimentRunner;
import dev.chaosmonkey.experiment.Fleet;
import dev.chaosmonkey.experiment.JmxChaosTarget;
import dev.chaosmonkey.experiment.Journal;
import dev.chaosmonkey.experiment.JournalReports;
import dev.chaosmonkey.experiment.Progress;
import dev.chaosmonkey.experiment.SloCheck;

/**
 * {@code java -jar chaos-agent.jar experiment <target> <file> [options]}: runs an experiment file against running
 * JVMs. Arms through JMX, probes from this process, shows progress, writes the journal and reports, and exits 0
 * (hypothesis holds), 1 (SLO violated), 2 (aborted or interrupted) or 3 (invalid file or arguments, refused spec,
 * unreachable target). Ctrl-C is an emergency stop: the shutdown hook disarms what the run armed.
 */
public final class ExperimentCli {
    /** Exit code: the hypothesis held. */
    public static final int OK = 0;
    /** Exit code: an SLO was violated. */
    public static final int VIOLATED = 1;
    /** Exit code: aborted or interrupted. */
    public static final int ABORTED = 2;
    /** Exit code: invalid file, arguments or target. */
    public static final int INVALID = 3;

    static final String USAGE = "usage: experiment <pid | host:port | service:jmx:...> <file> [--report-dir DIR]"
            + " [--dry-run] [--environment NAME] [--target <pid | host:port | service:jmx:...>]..."
            + " [--instances 30%|N] [--seed N]";

    /** Help lines for the agent's --help. */
    static final String HELP = String.join(System.lineSeparator(),
            "  java -jar chaos-agent.jar experiment <pid|host:port|service:jmx:...> <file.yaml>",
            "      [--report-dir DIR] [--dry-run] [--environment NAME] [--target T]... [--instances 30%|N] [--seed N]",
            "      run an experiment file (docs/experiments.md): probe, inject, measure, report; exit 0 hypothesis",
            "      holds, 1 SLO violated, 2 aborted, 3 invalid file or unreachable target; Ctrl-C disarms");

    private ExperimentCli() {
    }

    /** Runs the command ({@code args} without the word {@code experiment}); returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chaos-agent experiment: " + e.getMessage());
            err.println(USAGE);
            return INVALID;
        }
        ExperimentDefinition definition;
        try {
            definition = ExperimentFile.read(o.file);
        } catch (ExperimentFileException e) {
            err.println("chaos-agent experiment: invalid experiment file: " + e.getMessage());
            return INVALID;
        }
        List<ChaosTarget> targets = new ArrayList<>();
        try {
            for (String t : o.targets) {
                try {
                    targets.add(connect(t));
                } catch (Exception e) {
                    err.println("chaos-agent experiment: cannot reach target " + t + ": " + message(e));
                    return INVALID;
                }
            }
            List<Integer> chosen;
            try {
                chosen = Fleet.choose(targets.size(), Fleet.count(o.instances, targets.size()), o.seed);
            } catch (IllegalArgumentException e) {
                err.println("chaos-agent experiment: " + e.getMessage());
                return INVALID;
            }
            return execute(definition, o, targets, chosen, out, err);
        } finally {
            for (ChaosTarget t : targets) {
                try {
                    t.close();
                } catch (Exception e) {
                    // the connection is going away with the process
                }
            }
        }
    }

    private static int execute(ExperimentDefinition definition, Options o, List<ChaosTarget> targets,
            List<Integer> chosen, PrintStream out, PrintStream err) {
        boolean terminal = System.console() != null;
        ExperimentRunner.Builder b = ExperimentRunner.of(definition).environment(o.environment).dryRun(o.dryRun)
                .selected(new HashSet<>(chosen));
        for (ChaosTarget t : targets) {
            b.target(t);
        }
        ProgressLine line = new ProgressLine(out, terminal);
        b.progress(line::show);
        b.events(e -> line.event(e.offsetMillis() + " ms [" + e.source() + "] " + e.description()));
        ExperimentRunner runner = b.build();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (!runner.finished()) {
                runner.stop("Ctrl-C (emergency stop)");
                try {
                    done.await(15, TimeUnit.SECONDS); // let the run write its journal
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "chaos-experiment-emergency-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("experiment " + definition.name() + (o.dryRun || definition.dryRun() ? " (dry run)" : "")
                    + ": " + definition.episodes() + " episode(s) of " + Durations.format(definition.window())
                    + " on " + chosen.size() + " of " + targets.size() + " target(s)");
            Journal journal;
            try {
                journal = runner.run();
            } catch (ExperimentRunner.RefusedSpecException e) {
                line.end();
                err.println("chaos-agent experiment: invalid experiment file: " + e.getMessage());
                return INVALID;
            } catch (IllegalArgumentException | IllegalStateException e) {
                line.end();
                err.println("chaos-agent experiment: " + e.getMessage());
                return INVALID;
            }
            line.end();
            try {
                for (Path p : JournalReports.write(journal, o.reportDir)) {
                    out.println("report: " + p);
                }
            } catch (Exception e) {
                err.println("chaos-agent experiment: cannot write the reports to " + o.reportDir + ": " + message(e));
            }
            journal.faults().forEach(f -> out.println("fault on " + f.target() + ": " + f.spec() + " matched="
                    + f.matched() + (f.dryRun() ? " wouldFire=" : " injected=") + f.injected()));
            out.println("status: " + journal.status().name().toLowerCase(Locale.ROOT) + " - " + journal.verdict());
            for (SloCheck c : journal.violations()) {
                err.println("SLO violated: " + c.describe());
            }
            return journal.exitCode();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    /** A pid (attached to; the agent is loaded if needed), host:port or a service:jmx: URL. */
    static ChaosTarget connect(String target) throws Exception {
        if (!target.matches("\\d+")) {
            return JmxChaosTarget.connect(target);
        }
        // the same loopback-only, token-protected connector as the other CLI commands (never the JDK's
        // management agent); it closes with this connection
        JMXConnector c = AttachCli.connectInstalled(target);
        if (!c.getMBeanServerConnection().isRegistered(new ObjectName(JmxChaosTarget.CHAOS_MBEAN))) {
            c.close();
            throw new IllegalStateException("JVM " + target + " has no chaos MBean");
        }
        return new JmxChaosTarget(target, c.getMBeanServerConnection(), c);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The parsed command line. */
    static final class Options {
        final List<String> targets = new ArrayList<>();
        Path file;
        Path reportDir = Path.of("chaos-reports");
        boolean dryRun;
        String environment;
        String instances;
        long seed;

        static Options parse(List<String> args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--dry-run" -> o.dryRun = true;
                    case "--report-dir" -> o.reportDir = Path.of(value(args, ++i, a));
                    case "--environment" -> o.environment = value(args, ++i, a);
                    case "--target" -> o.targets.add(value(args, ++i, a));
                    case "--instances" -> o.instances = value(args, ++i, a);
                    case "--seed" -> {
                        String v = value(args, ++i, a);
                        try {
                            o.seed = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--seed " + v + ": expected a whole number");
                        }
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a + " (argument " + (i + 1) + ")");
                        }
                        positional.add(a);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new IllegalArgumentException("expected a target and an experiment file, got "
                        + positional.size() + " argument(s)" + (positional.isEmpty() ? "" : ": " + positional));
            }
            o.targets.add(0, positional.get(0));
            o.file = Path.of(positional.get(1));
            if (new HashSet<>(o.targets).size() != o.targets.size()) {
                throw new IllegalArgumentException("a target is given twice: " + o.targets);
            }
            return o;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }
    }

    /** Progress on a terminal: one line rewritten with \r; otherwise plain lines, at most one per 2 seconds. */
    static final class ProgressLine {
        private final PrintStream out;
        private final boolean terminal;
        private long lastPlain;
        private boolean dirty;

        ProgressLine(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void show(Progress p) {
            String text = String.format(Locale.ROOT, "%-24s elapsed %6.1f s  remaining %6.1f s  samples %5d"
                    + "  error rate %5.1f%%", p.phase(), p.elapsed().toMillis() / 1000.0,
                    p.remaining().toMillis() / 1000.0, p.samples(), p.errorRate() * 100);
            if (terminal) {
                out.print("\r" + text);
                out.flush();
                dirty = true;
            } else if (System.nanoTime() - lastPlain >= Duration.ofSeconds(2).toNanos()) {
                lastPlain = System.nanoTime();
                out.println("progress: " + text.replaceAll("\\s+", " "));
            }
        }

        synchronized void event(String text) {
            end();
            out.println(text);
        }

        synchronized void end() {
            if (dirty) {
                out.println();
                dirty = false;
            }
        }
    }
}
