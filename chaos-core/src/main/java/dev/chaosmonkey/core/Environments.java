package dev.chaosmonkey.core;

import java.util.Locale;

/**
 * The rule that decides whether an environment (or profile) name means production. Shared by the production guard
 * of {@link ChaosConfig} and by integrations that check names of their own (e.g. Spring profiles).
 *
 * <p>A name is split into tokens at {@code -}, {@code _}, {@code .}, {@code /}, {@code :} and white space; it means
 * production when any token, ignoring case and trailing digits, is {@code prod}, {@code production}, {@code prd} or
 * {@code live}. So {@code prod}, {@code eu-prod}, {@code prod1}, {@code production.eu}, {@code LIVE_2} and
 * {@code pre-prod} are production; {@code preprod}, {@code product-demo}, {@code staging} and {@code delivery} are not.
 * The rule errs on the safe side: a name that merely contains a production token is treated as production.
 */
public final class Environments {
    private static final String[] PRODUCTION_WORDS = {"prod", "production", "prd", "live"};

    private Environments() {
    }

    /**
     * Whether {@code name} names a production environment (see the class comment).
     *
     * @param name an environment or profile name; {@code null} or blank is not production
     */
    public static boolean isProduction(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int start = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i == lower.length() || isSeparator(lower.charAt(i))) {
                if (i > start && isProductionToken(lower, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || Character.isWhitespace(c);
    }

    private static boolean isProductionToken(String s, int start, int end) {
        int wordEnd = end;
        while (wordEnd > start && Character.isDigit(s.charAt(wordEnd - 1))) {
            wordEnd--;
        }
        for (String word : PRODUCTION_WORDS) {
            if (word.length() == wordEnd - start && s.startsWith(word, start)) {
                return true;
            }
        }
        return false;
    }
}
