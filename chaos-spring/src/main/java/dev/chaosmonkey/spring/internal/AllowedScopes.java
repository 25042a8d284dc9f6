package dev.chaosmonkey.spring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chaosmonkey.core.ChaosScope;

/**
 * Which scope names an inbound request may open: {@code chaos.scope.allowed}, comma-separated globs ({@code *} any
 * run of characters, {@code ?} one). Empty (the default) accepts none, so an outside caller cannot make a request
 * run inside a scope that has faults armed for it.
 */
public final class AllowedScopes {
    private static final Logger LOG = LoggerFactory.getLogger(AllowedScopes.class);

    private final String setting;
    private final List<Pattern> globs;
    private final AtomicBoolean rejectionLogged = new AtomicBoolean();

    public AllowedScopes(String setting) {
        this.setting = setting == null ? "" : setting.trim();
        List<Pattern> parsed = new ArrayList<>();
        for (String glob : this.setting.split(",")) {
            String g = glob.trim();
            if (!g.isEmpty()) {
                parsed.add(compile(g));
            }
        }
        this.globs = List.copyOf(parsed);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether any name is accepted at all. */
    public boolean acceptsAny() {
        return !globs.isEmpty();
    }

    /**
     * {@code requested} when it is a valid scope name matching the setting, else {@code null} (the first rejection is
     * logged, later ones are not).
     */
    public String accept(String requested) {
        if (requested == null) {
            return null;
        }
        if (ChaosScope.isValidName(requested)) {
            for (Pattern p : globs) {
                if (p.matcher(requested).matches()) {
                    return requested;
                }
            }
        }
        if (rejectionLogged.compareAndSet(false, true)) {
            LOG.warn("chaos: a request asked for chaos scope '{}', which chaos.scope.allowed='{}' does not allow; the"
                    + " request runs without a scope (logged once)", printable(requested), setting);
        }
        return null;
    }

    /** The untrusted name as a short printable string for the log. */
    private static String printable(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && i < 80; i++) {
            char c = raw.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return raw.length() > 80 ? sb + "..." : sb.toString();
    }
}
