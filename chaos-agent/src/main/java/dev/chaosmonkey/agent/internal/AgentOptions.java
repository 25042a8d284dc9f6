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
 * Options are all or nothing (see {@link #parse(String)} and {@link OptionsApplier}).
 */
public final class AgentOptions {
    private final List<String> specs;
    private final Path config;
    private final Boolean enabled;
    private final String connector;
    private final boolean cliAttach;

    /** Internal option of the CLI: open a loopback JMX connector for the CLI's token (see {@link CliConnector}). */
    static final String CONNECTOR = "cli-connector";
    /** Internal option of the CLI's {@code attach}: install the instrumentation (other commands change nothing). */
    static final String CLI_ATTACH = "cli-attach";

    private AgentOptions(List<String> specs, Path config, Boolean enabled, String connector, boolean cliAttach) {
        this.specs = List.copyOf(specs);
        this.config = config;
        this.enabled = enabled;
        this.connector = connector;
        this.cliAttach = cliAttach;
    }

    /** Whether the CLI's {@code attach} sent these options. */
    boolean cliAttach() {
        return cliAttach;
    }

    /**
     * Parses an option string ({@code null} or blank means none). All or nothing: one bad item rejects the whole
     * string, since applying half of what an operator wrote (say, the rules without {@code enabled=false}, or
     * without the {@code config=} that was meant to replace them) is not what was asked for.
     *
     * @throws IllegalArgumentException naming the bad item and its position
     */
    public static AgentOptions parse(String text) {
        List<String> specs = new ArrayList<>();
        Path config = null;
        Boolean enabled = null;
        String connector = null;
        boolean cliAttach = false;
        List<String> items = split(text == null ? "" : text);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            String lower = item.toLowerCase(Locale.ROOT);
            String where = "agent option " + (i + 1) + " of " + items.size() + " '" + shown(item) + "'";
            if (lower.startsWith("spec=")) {
                String spec = item.substring(5).trim();
                if (spec.isEmpty()) {
                    throw new IllegalArgumentException(where + ": spec= needs a fault spec");
                }
                specs.add(spec);
            } else if (lower.startsWith("config=")) {
                String file = item.substring(7).trim();
                if (file.isEmpty()) {
                    throw new IllegalArgumentException(where + ": config= needs a file name");
                }
                if (config != null) {
                    throw new IllegalArgumentException(where + ": config= may be given once");
                }
                try {
                    config = Path.of(file);
                } catch (java.nio.file.InvalidPathException e) {
                    throw new IllegalArgumentException(where + ": not a file name");
                }
            } else if (lower.startsWith("enabled=")) {
                String v = lower.substring(8).trim();
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(where + ": enabled must be true or false");
                }
                enabled = Boolean.valueOf(v);
            } else if (lower.startsWith(CONNECTOR + "=")) {
                connector = item.substring(CONNECTOR.length() + 1).trim();
            } else if (lower.equals(CLI_ATTACH)) {
                cliAttach = true;
            } else if (item.contains("->")) {
                specs.add(item);
            } else {
                throw new IllegalArgumentException("unknown " + where + " (expected spec=<fault spec>,"
                        + " config=<file>, enabled=true|false, or a fault spec containing '->')");
            }
        }
        return new AgentOptions(specs, config, enabled, connector, cliAttach);
    }

    /**
     * An item as quoted in an error: control characters escaped, at most 200 characters. Not chaos-core's LogText:
     * the CLI uses this class too, and the CLI process never has chaos-core on its class path.
     */
    static String shown(String item) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < item.length() && i < 200; i++) {
            char c = item.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (item.length() > 200) {
            b.append("...(").append(item.length()).append(" chars)");
        }
        return b.toString();
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

    /** The token of {@code cli-connector=}, which only the CLI passes, or {@code null}. */
    String connector() {
        return connector;
    }

    /** Whether the options ask for anything besides the CLI's connector. */
    boolean isEmpty() {
        return specs.isEmpty() && config == null && enabled == null;
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
