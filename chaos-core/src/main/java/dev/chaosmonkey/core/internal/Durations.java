package dev.chaosmonkey.core.internal;

import java.time.Duration;

/** Parses and renders the spec format's durations: an integer and a unit ({@code ms}, {@code s}, {@code m}, {@code h}). */
public final class Durations {
    /** The longest duration the engine can count in nanoseconds (about 292 years), in whole hours. */
    public static final Duration LONGEST = Duration.ofHours(Long.MAX_VALUE / 3_600_000_000_000L);

    private Durations() {
    }

    /** Whether {@code d} can be counted in nanoseconds without overflow (and is not longer than {@link #LONGEST}). */
    public static boolean fitsNanos(Duration d) {
        return d.compareTo(LONGEST) <= 0;
    }

    /**
     * Parses e.g. {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}; {@code null} when the text is not a duration.
     * A bare number is not a duration: the unit is always required, so {@code 5} cannot be misread.
     */
    public static Duration parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            return null;
        }
        long amount = Long.parseLong(text.substring(0, i));
        switch (text.substring(i)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return null;
        }
    }

    /** Renders with the largest unit that represents the duration exactly (sub-millisecond parts are dropped). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms != 0 && ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
