package dev.chaosmonkey.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import dev.chaosmonkey.core.internal.ChaosLog;


/**
 * The audit trail: every arm, disarm, enable, disable, expiry and exhaustion, with its source, appended as one JSON
 * object per line to the file named by {@code chaos.audit-log} (or {@code CHAOS_AUDIT_LOG}). Injections are not
 * audited (they are counted per rule). A write that fails is logged once and never reaches the caller.
 */
final class AuditLog implements ChaosEventListener {
    private static final int MAX_SPEC = 4000;
    private final Path file;

    private AuditLog(Path file) {
        this.file = file;
    }

    /**
     * Registers an audit log on {@code monkey} when {@code property} (or else {@code env}) names a file; returns
     * whether it did. An unusable name is logged and ignored.
     */
    public static boolean install(ChaosMonkey monkey, String property, String env) {
        String name = property != null && !property.isBlank() ? property.trim()
                : env != null && !env.isBlank() ? env.trim() : null;
        if (name == null) {
            return false;
        }
        try {
            Path file = Path.of(name).toAbsolutePath();
            monkey.addListener(new AuditLog(file));
            ChaosLog.info("chaos audit log: " + file);
            return true;
        } catch (RuntimeException e) {
            ChaosLog.warn("chaos.audit-log '" + name + "' is not a usable file name: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void onEvent(ChaosEvent e) {
        if (e.type() == ChaosEvent.Type.INJECTED) {
            return;
        }
        String line = line(e);
        try {
            synchronized (this) {
                Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
        } catch (IOException | RuntimeException ex) {
            ChaosLog.warnOnce("audit-log-" + file, "cannot append to the chaos audit log " + file + ": " + ex, null);
        }
    }

    /** One JSON line for {@code e}. */
    static String line(ChaosEvent e) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"time\":\"").append(Instant.ofEpochMilli(e.epochMillis())).append("\",\"type\":\"")
                .append(e.type().name()).append("\",\"source\":");
        string(sb, e.source());
        sb.append(",\"rule\":");
        string(sb, e.ruleId());
        sb.append(",\"point\":");
        string(sb, e.point() == null ? null : e.point().specName());
        sb.append(",\"fault\":");
        string(sb, e.faultKind());
        sb.append(",\"spec\":");
        string(sb, e.spec() == null || e.spec().length() <= MAX_SPEC ? e.spec() : e.spec().substring(0, MAX_SPEC));
        sb.append(",\"dryRun\":").append(e.dryRun()).append("}\n");
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
