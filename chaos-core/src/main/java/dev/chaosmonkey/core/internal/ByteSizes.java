package dev.chaosmonkey.core.internal;

import java.util.Locale;

/** Byte counts in specs: {@code 512}, {@code 512B}, {@code 4KB}, {@code 1MB} (binary units: 1KB = 1024 bytes). */
public final class ByteSizes {
    private static final long KB = 1024;
    private static final long MB = 1024 * 1024;
    /** The largest count a spec may give (1 TB): far beyond any stream a rule shapes, far from overflow. */
    public static final long LARGEST = 1024L * 1024 * 1024 * 1024;

    private ByteSizes() {
    }

    /** The byte count {@code text} names, or -1 when it is not one. */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("KB")) {
            unit = KB;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("MB")) {
            unit = MB;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 13) {
            return -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return -1;
            }
        }
        long n = Long.parseLong(t) * unit;
        return n > LARGEST ? -1 : n;
    }

    /** {@code bytes} in the shortest exact spec form: {@code 1MB}, {@code 4KB}, {@code 100B}. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        if (bytes != 0 && bytes % KB == 0) {
            return bytes / KB + "KB";
        }
        return bytes + "B";
    }
}
