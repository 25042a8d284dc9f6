package dev.chaosmonkey.benchmarks;

import java.util.Locale;

/**
 * One JMH result row: which benchmark ran in which fork configuration, its score and the allocation per operation
 * reported by the GC profiler ({@code NaN} when not measured).
 *
 * @param variant the fork configuration ({@code no-agent}, {@code chaos-agent}, {@code byteman}, {@code core}, ...)
 * @param benchmark the benchmark method's simple name
 * @param scenario the scenario or parameter label
 * @param threads JMH threads
 * @param score primary score
 * @param error 99.9% confidence half-width JMH reports ({@code NaN} with too few iterations)
 * @param unit score unit
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}
 */
public record Measurement(String variant, String benchmark, String scenario, int threads, double score, double error,
        String unit, double allocBytesPerOp) {

    /** One tab-separated line, the format a child JVM hands results back in. */
    public String toTsv() {
        return String.join("\t", variant, benchmark, scenario, Integer.toString(threads), num(score), num(error), unit,
                num(allocBytesPerOp));
    }

    /** Parses {@link #toTsv()}. */
    public static Measurement fromTsv(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("expected 8 tab-separated fields, got " + f.length + ": " + line);
        }
        return new Measurement(f[0], f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), f[6], Double.parseDouble(f[7]));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
