package dev.chaosmonkey.spring.internal;

import dev.chaosmonkey.core.Environments;

/**
 * The production-name rule for Spring profiles and {@code chaos.environment}: chaos-core's
 * {@link Environments#isProduction(String)}, so the starter's guard and core's guard never disagree.
 */
public final class ProductionNames {
    private ProductionNames() {
    }

    /** Whether {@code name} names a production environment; {@code null} and blank names do not. */
    public static boolean isProduction(String name) {
        return Environments.isProduction(name);
    }
}
