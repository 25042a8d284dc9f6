package dev.chaosmonkey.junit.internal;

import java.time.Duration;

/** Parses and formats the short durations used in annotations ({@code 500ms}, {@code 2s}, {@code 1m}). */
public final class DurationText {
    private DurationText() {
    }

    /**
     * Parses {@code text}.
     *
     * @param what names the setting in the error message
     * @throws IllegalArgumentException naming the setting and the expected format
     */
    public static Duration parse(String text, String what) {
        return dev.chaosmonkey.experiment.Durations.parse(text, what);
    }

    /** Formats for humans: {@code 850 ms}, {@code 2.35 s}. */
    public static String format(Duration d) {
        return dev.chaosmonkey.experiment.Durations.format(d);
    }

    /** Formats a ratio as a percentage with one decimal. */
    public static String percent(double ratio) {
        return dev.chaosmonkey.experiment.Durations.percent(ratio);
    }
}
