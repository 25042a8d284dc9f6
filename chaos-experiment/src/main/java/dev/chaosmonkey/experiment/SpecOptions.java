package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds options to a fault spec's text without parsing the whole grammar (the CLI process has no chaos-core): the
 * spec language lets a later option win, so options are appended. Only the {@code for=} already in the spec is
 * read, so that a lease never lengthens what the user asked for.
 */
public final class SpecOptions {
    private static final Pattern FOR = Pattern.compile("(?:^|\\s)for=(\\d{1,12})(ms|s|m|h)(?=\\s|$)");

    private SpecOptions() {
    }

    /** The {@code for=} written after the spec's {@code ->} (outside quotes), or {@code null}. */
    public static Duration declaredFor(String spec) {
        String options = outsideQuotes(afterArrow(spec));
        Matcher m = FOR.matcher(options);
        Duration last = null;
        while (m.find()) {
            last = Durations.parse(m.group(1) + m.group(2), "for");
        }
        return last;
    }

    /** {@code spec} with {@code for=} no longer than {@code lease} (the spec's own if shorter). */
    public static String withLease(String spec, Duration lease) {
        Duration own = declaredFor(spec);
        Duration d = own != null && own.compareTo(lease) < 0 ? own : lease;
        return spec + " for=" + Durations.spec(d);
    }

    /** {@code spec} with probability {@code p}. */
    public static String withProbability(String spec, double p) {
        return spec + " p=" + String.format(java.util.Locale.ROOT, "%.4f", p);
    }

    /** {@code spec} in dry-run mode. */
    public static String dryRun(String spec) {
        return spec + " dry-run";
    }

    private static String afterArrow(String spec) {
        boolean quoted = false;
        for (int i = 0; i < spec.length() - 1; i++) {
            char c = spec.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '-' && spec.charAt(i + 1) == '>') {
                return spec.substring(i + 2);
            }
        }
        return "";
    }

    /** Blanks out quoted text and parenthesised fault arguments. */
    private static String outsideQuotes(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                sb.append(' ');
            } else if (c == '"') {
                quoted = true;
                sb.append(' ');
            } else if (c == '(') {
                depth++;
                sb.append(' ');
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                sb.append(' ');
            } else {
                sb.append(depth > 0 ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
