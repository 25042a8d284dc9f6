package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosSource;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.ChaosSpecException;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.LogText;

/**
 * Applies a file of specs (one per line, {@code #} comments) and follows it when it changes. What the file means
 * over time:
 * <ul>
 *   <li>Each version is applied all or nothing: it is checked completely (syntax and every arm-time check: exception
 *   classes, limits, ids, the rule count) through {@link ChaosMonkey#replace}; on any error nothing changes, the
 *   previous rules stay armed, and the error is logged once with its line and column.</li>
 *   <li>A line whose rule is unchanged from the previous version keeps its armed rule (counters, expiry). A rule
 *   that expired or was disarmed (kill switch, JMX) stays gone while its line is unchanged, even when the file is
 *   saved again: editing the line (or removing and re-adding it) arms it again. Saving identical content does
 *   nothing.</li>
 *   <li>Lines that disappear are disarmed. A file that is removed disarms the rules armed from it; a file that does
 *   not exist yet is a warning and is watched until it appears.</li>
 *   <li>Only regular files up to {@value #MAX_BYTES} bytes are read: a FIFO or device is never opened (it would block),
 *   so the agent's start never waits on the file.</li>
 * </ul>
 * Polls the file's content (default every second, {@code -Dchaos.agent.config-poll-ms}); polling is simpler and more
 * reliable than WatchService across file systems and editors that replace files.
 */
final class ConfigFileWatcher implements Runnable {
    /** Largest config file read. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern QUOTED = Pattern.compile("'([^']{1,200})'");

    private final Path file;
    private final ChaosMonkey monkey;
    private final long pollMillis;
    private final Thread thread;
    /** The rules of the version last applied, in file order: canonical spec and the id it was armed under. */
    private List<String[]> applied = new ArrayList<>();
    private String lastText;
    /** The last state logged for an unreadable file, so each state is logged once. */
    private String lastProblem;
    private boolean existed;
    private volatile boolean running = true;

    ConfigFileWatcher(Path file, ChaosMonkey monkey) {
        this.file = file;
        this.monkey = monkey;
        this.pollMillis = Math.max(50, Long.getLong("chaos.agent.config-poll-ms", 1000));
        this.thread = new Thread(this, "chaos-agent-config-watcher");
        this.thread.setDaemon(true);
    }

    /** Applies the file now if it is a regular file, then watches it in a daemon thread. */
    void start() {
        reload();
        thread.start();
    }

    /** Stops watching; the rules armed from the file stay armed (a new watcher may take them over). */
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** Takes over what a previous watcher of the same file applied, so re-attaching does not arm rules twice. */
    void takeOver(ConfigFileWatcher previous) {
        synchronized (previous) {
            if (previous.file.equals(file)) {
                applied = previous.applied;
                lastText = previous.lastText;
                existed = previous.existed;
            } else {
                List<String> ids = new ArrayList<>();
                for (String[] e : previous.applied) {
                    ids.add(e[1]);
                }
                monkey.replace(ids, List.of());
            }
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            }
            try {
                reload();
            } catch (RuntimeException e) {
                ChaosLog.warnOnce("config-reload-" + file, "chaos-agent: reloading " + file + " failed", e);
            }
        }
    }

    synchronized void reload() {
        // the audit trail names the file as the source of what this arms and disarms
        ChaosSource.Scope source = ChaosSource.open("config-file:" + file);
        try {
            reloadInScope();
        } finally {
            source.close();
        }
    }

    private void reloadInScope() {
        String text = read();
        if (text == null || text.equals(lastText)) {
            return;
        }
        lastText = text;
        List<ChaosRule> rules = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                for (ChaosRule rule : FaultSpec.parseAll(lines[i])) {
                    rules.add(rule);
                    lineNumbers.add(i + 1);
                }
            } catch (ChaosSpecException e) {
                reject(i + 1, lines[i], e.column(), e.problem());
                return;
            }
        }
        // unchanged rules keep their armed rule (or stay expired); the rest is replaced all or nothing
        List<String[]> previous = new ArrayList<>(applied);
        List<String[]> next = new ArrayList<>();
        List<ChaosRule> toArm = new ArrayList<>();
        List<Integer> toArmLines = new ArrayList<>();
        List<Integer> toArmSlots = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String spec = rules.get(i).toSpec();
            String[] same = null;
            for (String[] p : previous) {
                if (p[0].equals(spec)) {
                    same = p;
                    break;
                }
            }
            if (same != null) {
                previous.remove(same);
                next.add(same);
                kept.add(same[1]);
            } else {
                next.add(new String[] {spec, null});
                toArm.add(rules.get(i));
                toArmLines.add(lineNumbers.get(i));
                toArmSlots.add(next.size() - 1);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String[] p : previous) {
            removed.add(p[1]);
        }
        List<String> ids;
        try {
            ids = monkey.replace(removed, toArm);
        } catch (ChaosSpecException e) {
            int at = e.line() > 0 && e.line() <= toArmLines.size() ? toArmLines.get(e.line() - 1) : 0;
            String lineText = at > 0 ? lines[at - 1] : "";
            reject(at, lineText, e.column() > 0 ? e.column() : columnOf(lineText, e.problem()), e.problem());
            return;
        } catch (RuntimeException e) {
            ChaosLog.error("chaos-agent: " + file + " was not applied, the previous rules stay armed: " + e);
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            next.get(toArmSlots.get(i))[1] = ids.get(i);
        }
        applied = next;
        ChaosLog.info("chaos-agent: applied " + file + ": " + (rules.isEmpty() ? "no rules" : "armed " + ids
                + (kept.isEmpty() ? "" : ", kept " + kept)) + (removed.isEmpty() ? "" : ", disarmed " + removed));
    }

    /** The file's text, or {@code null} when it cannot be read now (logged once per state). */
    private String read() {
        String problem;
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            if (existed) {
                existed = false;
                lastProblem = null;
                ChaosLog.warn("chaos-agent: config file " + file + " was removed; the rules armed from it are"
                        + " disarmed");
                return "";
            }
            problem = "chaos-agent: config file " + file + " does not exist; watching for it";
        } else if (!Files.isRegularFile(file)) {
            problem = "chaos-agent: config file " + file + " is not a regular file (a FIFO, device or directory is"
                    + " never read); nothing from it is armed";
        } else {
            try {
                long size = Files.size(file);
                if (size > MAX_BYTES) {
                    problem = "chaos-agent: config file " + file + " has " + size + " bytes, more than the "
                            + MAX_BYTES + " a spec file may have; it was not read";
                } else {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    existed = true;
                    lastProblem = null;
                    return text;
                }
            } catch (IOException | RuntimeException e) {
                problem = "chaos-agent: cannot read config file " + file + ": " + e.getClass().getSimpleName();
            }
        }
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            if (problem.contains("does not exist")) {
                ChaosLog.warn(problem);
            } else {
                ChaosLog.error(problem);
            }
        }
        return null;
    }

    /** Logs a version that was not applied: once (the same text is not re-checked), with line, column, the line. */
    private void reject(int line, String lineText, int column, String problem) {
        String where = line > 0 ? " line " + line + (column > 0 ? ", column " + column : "") : "";
        // never echo more of the file than the offending line, and not even that when it is no spec at all (a
        // config= path pointing at a secrets file must not print the secret)
        String shown = line == 0 ? ": " + problem
                : lineText.contains("->") ? ": " + problem + " in: " + LogText.input(lineText.strip())
                : ": not a fault spec (no '->'); the line's text is not shown";
        ChaosLog.error("chaos-agent: " + file + where + shown + "; this version of the file was not applied, the"
                + " previous rules stay armed");
    }

    /** Best-effort column for arm-time problems, which carry no position: where the named thing is in the line. */
    static int columnOf(String line, String problem) {
        String lower = problem.toLowerCase(Locale.ROOT);
        Matcher quoted = QUOTED.matcher(problem);
        if (quoted.find()) {
            int at = line.indexOf("=" + quoted.group(1));
            if (at >= 0) {
                return at + 2;
            }
            at = line.indexOf(quoted.group(1));
            if (at >= 0) {
                return at + 1;
            }
        }
        String[] keys = {"for=", "after=", "id=", "max=", "delay(", "timeout("};
        for (String key : keys) {
            String bare = key.replace("=", "").replace("(", "");
            if (lower.startsWith(key) || lower.startsWith(bare + " ") || lower.contains(" " + key)) {
                int at = line.indexOf(key);
                if (at >= 0) {
                    return at + 1;
                }
            }
        }
        int arrow = line.indexOf("->");
        return arrow >= 0 ? arrow + 4 : 0;
    }
}
