package dev.chaosmonkey.agent.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent's option string: items separated by {@code ;} (a {@code ;} inside double quotes, as in a spec's SQL
 * text, does not separate). Items are {@code spec=<fault spec>}, {@code config=<file>}, {@code enabled=true|false};
 * a bare item containing {@code ->} is a spec too, so {@code -javaagent:chaos-agent.jar=<one spec>} works. Commas
 * never separate, so fault arguments such as {@code exception(java.io.IOException, "boom")} need no escaping.
 */
public final class AgentOptions {
    private final List<String> specs;
    private final Path config;
    private final Boolean enabled;

    private AgentOptions(List<String> specs, Path config, Boolean enabled) {
        this.specs = List.copyOf(specs);
        this.config = config;
        this.enabled = enabled;
    }

    /**
     * Parses an option string ({@code null} or blank means none).
     *
     * @throws IllegalArgumentException naming the bad item
     */
    public static AgentOptions parse(String text) {
        List<String> specs = new ArrayList<>();
        Path config = null;
        Boolean enabled = null;
        for (String item : split(text == null ? "" : text)) {
            String lower = item.toLowerCase(Locale.ROOT);
            if (lower.startsWith("spec=")) {
                specs.add(item.substring(5).trim());
            } else if (lower.startsWith("config=")) {
                String file = item.substring(7).trim();
                if (file.isEmpty()) {
                    throw new IllegalArgumentException("agent option 'config=' needs a file name");
                }
                config = Path.of(file);
            } else if (lower.startsWith("enabled=")) {
                String v = lower.substring(8).trim();
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("agent option '" + item + "': enabled must be true or false");
                }
                enabled = Boolean.valueOf(v);
            } else if (item.contains("->")) {
                specs.add(item);
            } else {
                throw new IllegalArgumentException("unknown agent option '" + item + "' (expected spec=<fault spec>,"
                        + " config=<file>, enabled=true|false, or a fault spec containing '->')");
            }
        }
        return new AgentOptions(specs, config, enabled);
    }

    /** Splits on {@code ;} outside double-quoted strings (backslash escapes inside quotes); drops blank items. */
    static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                add(items, current);
                continue;
            }
            current.append(c);
        }
        add(items, current);
        return items;
    }

    private static void add(List<String> items, StringBuilder current) {
        String item = current.toString().trim();
        if (!item.isEmpty()) {
            items.add(item);
        }
        current.setLength(0);
    }

    /** Fault specs to arm at start, in order. */
    public List<String> specs() {
        return specs;
    }

    /** The spec file to arm and watch, or {@code null}. */
    public Path config() {
        return config;
    }

    /** {@code enabled=} if given, else {@code null} (chaos-core's own setting applies). */
    public Boolean enabled() {
        return enabled;
    }

    /** Renders options back into the option syntax (used by the CLI to pass options to {@code agentmain}). */
    public static String format(List<String> specs, String config, Boolean enabled) {
        StringBuilder b = new StringBuilder();
        if (enabled != null) {
            b.append("enabled=").append(enabled);
        }
        if (config != null) {
            b.append(b.length() == 0 ? "" : ";").append("config=").append(config);
        }
        for (String s : specs) {
            b.append(b.length() == 0 ? "" : ";").append("spec=").append(s);
        }
        return b.toString();
    }
}
