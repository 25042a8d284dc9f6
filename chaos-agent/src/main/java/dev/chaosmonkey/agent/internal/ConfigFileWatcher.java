package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosSource;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Arms the specs of a file (one per line, {@code #} comments) and re-arms them when the file changes: the rules
 * armed from the previous version are disarmed and the new ones armed, all or nothing. A file that does not parse
 * is reported and the previous rules stay. Polls the file's modification time and size (default every second,
 * {@code -Dchaos.agent.config-poll-ms}); polling is simpler and more reliable than WatchService across file systems
 * and editors that replace files.
 */
final class ConfigFileWatcher implements Runnable {
    private final Path file;
    private final ChaosMonkey monkey;
    private final long pollMillis;
    private final Thread thread;
    private List<String> armedIds = new ArrayList<>();
    private String lastText;
    private volatile boolean running = true;

    ConfigFileWatcher(Path file, ChaosMonkey monkey) {
        this.file = file;
        this.monkey = monkey;
        this.pollMillis = Math.max(50, Long.getLong("chaos.agent.config-poll-ms", 1000));
        this.thread = new Thread(this, "chaos-agent-config-watcher");
        this.thread.setDaemon(true);
    }

    /** Arms the file's rules now, then watches it in a daemon thread. */
    void start() {
        reload();
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
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
                ChaosLog.warn("chaos-agent: reloading " + file + " failed", e);
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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (IOException e) {
            ChaosLog.warnOnce("config-read-" + file, "chaos-agent: cannot read " + file, e);
            return;
        }
        if (text.equals(lastText)) {
            return;
        }
        List<ChaosRule> rules;
        try {
            rules = FaultSpec.parseAll(text);
        } catch (RuntimeException e) {
            ChaosLog.warn("chaos-agent: " + file + " not applied, the previous rules stay armed: " + e.getMessage());
            lastText = text;
            return;
        }
        for (String id : armedIds) {
            monkey.disarm(id);
        }
        armedIds = new ArrayList<>();
        lastText = text;
        if (rules.isEmpty()) {
            ChaosLog.info("chaos-agent: " + file + " has no rules");
            return;
        }
        try {
            armedIds = new ArrayList<>(monkey.armAll(rules));
            ChaosLog.info("chaos-agent: armed " + armedIds.size() + " rule(s) from " + file + ": " + armedIds);
        } catch (RuntimeException e) {
            ChaosLog.warn("chaos-agent: " + file + " not applied: " + e.getMessage());
        }
    }
}
