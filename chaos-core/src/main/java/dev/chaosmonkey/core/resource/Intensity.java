package dev.chaosmonkey.core.resource;

import java.util.List;
import java.util.Locale;

/**
 * Preset strengths of the resource faults, written as a positional argument in specs: {@code cpu(heavy)},
 * {@code leak(light)}. Named arguments override a preset's values: {@code cpu(heavy, threads=1)}. The numbers of
 * each preset are fixed (they do not depend on the machine) and documented on each fault and in
 * {@code docs/resource-faults.md}.
 */
public enum Intensity {
    /** A gentle load that should only show up in metrics. */
    LIGHT,
    /** A load that a healthy service should absorb with some degradation. */
    MEDIUM,
    /** A load meant to push a service into its failure handling. */
    HEAVY;

    /** The name used in specs: {@code light}, {@code medium}, {@code heavy}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset with that spec name, or {@code null}. */
    public static Intensity bySpecName(String name) {
        for (Intensity i : values()) {
            if (i.specName().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /**
     * The preset among a fault's positional arguments, or {@code null} if there is none.
     *
     * @throws IllegalArgumentException if there is more than one positional argument or it is not a preset name
     */
    static Intensity fromPositional(String fault, List<String> positional, String example) {
        if (positional.isEmpty()) {
            return null;
        }
        if (positional.size() > 1) {
            throw new IllegalArgumentException(fault + ": at most one unnamed argument (a preset: light, medium or"
                    + " heavy) is allowed, found " + positional);
        }
        Intensity preset = bySpecName(positional.get(0));
        if (preset == null) {
            throw new IllegalArgumentException(fault + ": unexpected argument '" + positional.get(0)
                    + "' (expected a preset light, medium or heavy, or named arguments such as " + example + ")");
        }
        return preset;
    }
}
