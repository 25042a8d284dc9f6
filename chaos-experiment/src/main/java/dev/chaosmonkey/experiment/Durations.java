package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats the short durations of experiments ({@code 500ms}, {@code 2s}, {@code 1m}) and ratios. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @param what names the setting in the error message
     * @throws IllegalArgumentException naming the setting and the expected format
     */
    public static Duration parse(String text, String what) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text
                    + "' is not a duration: use a whole number followed by ms, s, m or h, e.g. 500ms or 2s");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** Formats for humans: {@code 850 ms}, {@code 2.35 s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (Math.abs(ms) < 1000) {
            return ms + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    /** Formats a ratio as a percentage with one decimal. */
    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** Formats for a fault spec's {@code for=}: whole milliseconds, at least 1. */
    public static String spec(Duration d) {
        return Math.max(1, d.toMillis()) + "ms";
    }
}
