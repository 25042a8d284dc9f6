package dev.chaosmonkey.core.resource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the arguments of a resource fault spec ({@code leak(rate=10MB/s, cap=0.5)}) and renders values back in
 * canonical form. Every error is an {@link IllegalArgumentException} that names the fault and the argument, which
 * the spec parser turns into a positioned error.
 *
 * <p>Sizes are a number and a unit {@code B}, {@code KB}, {@code MB}, {@code GB} or {@code TB} (powers of 1024,
 * case-insensitive); rates are a size per second ({@code 10MB/s}); fractions are plain numbers in (0, 1].
 */
final class ResourceArgs {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)([A-Za-z]{1,2})");
    private static final String[] UNITS = {"TB", "GB", "MB", "KB", "B"};
    private static final long[] UNIT_BYTES = {1L << 40, 1L << 30, 1L << 20, 1L << 10, 1L};
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String fault;
    private final Map<String, String> named = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param fault the fault name, for messages
     * @param args the arguments as the spec parser passes them (positional ones keyed {@code #0}, {@code #1}, ...)
     */
    public ResourceArgs(String fault, Map<String, String> args) {
        this.fault = fault;
        for (Map.Entry<String, String> e : args.entrySet()) {
            if (e.getKey().startsWith("#")) {
                positional.add(e.getValue());
            } else {
                named.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The positional (unnamed) arguments in order. */
    public List<String> positional() {
        return positional;
    }

    /** Whether a named argument was given. */
    public boolean has(String key) {
        return named.containsKey(key);
    }

    /** Whether no argument at all was given. */
    public boolean isEmpty() {
        return named.isEmpty() && positional.isEmpty();
    }

    /**
     * Fails on any named argument not in {@code known}.
     *
     * @throws IllegalArgumentException naming the unknown argument and the known ones
     */
    public void onlyKnown(String... known) {
        for (String key : named.keySet()) {
            boolean ok = false;
            for (String k : known) {
                ok |= k.equals(key);
            }
            if (!ok) {
                throw new IllegalArgumentException(fault + ": unknown argument '" + key + "' (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** A raw named value, or {@code null}. */
    public String raw(String key) {
        return named.get(key);
    }

    /** A name (letters, digits, {@code _ . -}) such as a registered DataSource, or {@code null} if absent. */
    public String name(String key) {
        String v = named.get(key);
        if (v != null && !NAME.matcher(v).matches()) {
            throw error(key, v, "must be a name of 1-64 letters, digits, '_', '.' or '-'");
        }
        return v;
    }

    /** A size in bytes, or {@code absent} when not given. */
    public long size(String key, long absent) {
        String v = named.get(key);
        if (v == null) {
            return absent;
        }
        long bytes = parseSize(v);
        if (bytes < 0) {
            throw error(key, v, "is not a size (use a number and B, KB, MB, GB or TB, e.g. 64MB)");
        }
        if (bytes == 0) {
            throw error(key, v, "must be more than zero bytes");
        }
        return bytes;
    }

    /** A rate in bytes per second, or {@code absent} when not given. */
    public long rate(String key, long absent) {
        String v = named.get(key);
        if (v == null) {
            return absent;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        long bytes = lower.endsWith("/s") ? parseSize(v.substring(0, v.length() - 2)) : -1;
        if (bytes < 0) {
            throw error(key, v, "is not a rate (use a size per second, e.g. 10MB/s)");
        }
        if (bytes == 0) {
            throw error(key, v, "must be more than zero bytes per second");
        }
        return bytes;
    }

    /** A number in (0, max], or {@code absent} when not given. */
    public double fraction(String key, double max, double absent) {
        String v = named.get(key);
        if (v == null) {
            return absent;
        }
        double d = parseFraction(v);
        if (!(d > 0 && d <= max)) {
            throw error(key, v, "must be a number above 0 and at most " + format(max));
        }
        return d;
    }

    /** A whole number in [min, max], or {@code absent} when not given. */
    public int count(String key, int min, int max, int absent) {
        String v = named.get(key);
        if (v == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, v, "must be a whole number from " + min + " to " + max);
    }

    /** {@code true}/{@code false}, or {@code absent} when not given. */
    public boolean bool(String key, boolean absent) {
        String v = named.get(key);
        if (v == null) {
            return absent;
        }
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw error(key, v, "must be true or false");
    }

    /** An error about one argument's value. */
    public IllegalArgumentException error(String key, String value, String problem) {
        return new IllegalArgumentException(fault + ": " + key + "=" + value + " " + problem);
    }

    /** Parses a plain decimal number (no exponent); NaN if it is not one. */
    public static double parseFraction(String v) {
        if (!v.matches("\\d{1,9}(\\.\\d{1,9})?")) {
            return Double.NaN;
        }
        return Double.parseDouble(v);
    }

    /** Parses a size such as {@code 64MB} or {@code 1.5GB} to bytes; -1 if it is not a size. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT_BYTES[i]));
                if (bytes.compareTo(BigDecimal.valueOf(1L << 50)) > 0 || bytes.stripTrailingZeros().scale() > 0) {
                    return -1;
                }
                return bytes.longValue();
            }
        }
        return -1;
    }

    /** Renders bytes with the largest unit that divides them exactly, e.g. {@code 1536MB}. */
    public static String formatSize(long bytes) {
        for (int i = 0; i < UNITS.length; i++) {
            if (bytes != 0 && bytes % UNIT_BYTES[i] == 0) {
                return bytes / UNIT_BYTES[i] + UNITS[i];
            }
        }
        return bytes + "B";
    }

    /** Renders a number without trailing zeros, e.g. {@code 0.5}, {@code 1}. */
    public static String format(double d) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
