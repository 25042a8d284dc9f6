package dev.chaosmonkey.core.internal;

/**
 * Makes untrusted text (specs from JMX or a file, setting values, paths) safe to put in a log line: control
 * characters are escaped so that a newline or an ANSI sequence cannot forge a line or recolour a terminal, and the
 * text is capped so that a 10 MB spec costs a few hundred bytes of log.
 */
public final class LogText {
    /** Longest piece of untrusted input quoted in a message. */
    public static final int MAX_INPUT = 300;
    /** Longest log message. */
    public static final int MAX_MESSAGE = 2000;

    private LogText() {
    }

    /** {@code text} escaped and capped at {@link #MAX_INPUT} characters. */
    public static String input(String text) {
        return safe(text, MAX_INPUT);
    }

    /** {@code text} with control characters escaped, cut after {@code max} characters (noting the full length). */
    public static String safe(String text, int max) {
        if (text == null) {
            return "null";
        }
        int limit = Math.min(text.length(), max);
        StringBuilder b = null;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                if (b == null) {
                    b = new StringBuilder(limit + 16).append(text, 0, i);
                }
                escape(b, c);
            } else if (b != null) {
                b.append(c);
            }
        }
        if (b == null && limit == text.length()) {
            return text;
        }
        if (b == null) {
            b = new StringBuilder(limit + 32).append(text, 0, limit);
        }
        if (limit < text.length()) {
            b.append("...(").append(text.length()).append(" chars)");
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '\n':
                b.append("\\n");
                break;
            case '\r':
                b.append("\\r");
                break;
            case '\t':
                b.append("\\t");
                break;
            default:
                b.append("\\u");
                String hex = Integer.toHexString(c);
                for (int i = hex.length(); i < 4; i++) {
                    b.append('0');
                }
                b.append(hex);
        }
    }
}
