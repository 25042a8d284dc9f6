package dev.chaosmonkey.core.internal;

/** Lexical helpers shared by the spec parser and the renderers. */
public final class Specs {
    private Specs() {
    }

    /** Characters allowed in an unquoted word, besides letters and digits. */
    public static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || "_.:/*?$@%+-[]{}|&^;".indexOf(c) >= 0;
    }

    /** Whether a value can be written without quotes. */
    public static boolean isBareWord(String s) {
        if (s.isEmpty() || s.contains("->")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isWordChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Double-quotes a string, escaping backslashes and quotes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** The value as a bare word when possible, quoted otherwise. */
    public static String value(String s) {
        return isBareWord(s) ? s : quote(s);
    }
}
