package dev.chaosmonkey.spring.internal;

import java.util.Locale;

/**
 * The production-name rule: a name counts as production when one of its {@code -}, {@code _} or {@code .} separated
 * tokens is {@code prod}, {@code production}, {@code prd} or {@code live} ({@code prod}, {@code prod-eu},
 * {@code eu_production}, {@code live.blue}). Kept here until chaos-core offers the rule publicly.
 */
public final class ProductionNames {
    private ProductionNames() {
    }

    /** Whether {@code name} names a production environment; {@code null} and blank names do not. */
    public static boolean isProduction(String name) {
        if (name == null) {
            return false;
        }
        for (String token : name.toLowerCase(Locale.ROOT).split("[-_.]")) {
            switch (token.trim()) {
                case "prod":
                case "production":
                case "prd":
                case "live":
                    return true;
                default:
                    break;
            }
        }
        return false;
    }
}
