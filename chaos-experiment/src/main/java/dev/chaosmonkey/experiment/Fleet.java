package dev.chaosmonkey.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Chooses the blast radius of a fleet: which targets get the faults. Pure and reproducible from the seed. */
public final class Fleet {
    private Fleet() {
    }

    /**
     * How many of {@code size} targets {@code instances} means: {@code N} (1..size) or {@code P%} (rounded up,
     * at least 1); {@code null} means all.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static int count(String instances, int size) {
        if (instances == null) {
            return size;
        }
        String t = instances.trim();
        try {
            if (t.endsWith("%")) {
                double p = Double.parseDouble(t.substring(0, t.length() - 1));
                if (!(p > 0 && p <= 100)) {
                    throw new IllegalArgumentException("--instances " + instances + ": a percentage is within 0%..100%"
                            + " and above 0");
                }
                return Math.max(1, (int) Math.ceil(size * p / 100 - 1e-9));
            }
            int n = Integer.parseInt(t);
            if (n < 1 || n > size) {
                throw new IllegalArgumentException("--instances " + instances + ": must be within 1.." + size
                        + " (the number of targets)");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--instances " + instances + ": expected a count (2) or a percentage"
                    + " (30%)");
        }
    }

    /** The indices (ascending) of the {@code count} targets chosen from {@code size} with {@code seed}. */
    public static List<Integer> choose(int size, int count, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        List<Integer> chosen = new ArrayList<>(all.subList(0, Math.min(count, size)));
        Collections.sort(chosen);
        return chosen;
    }
}
