/**
 * Micrometer metrics for chaos-core (public API): {@link dev.chaosmonkey.micrometer.ChaosMetrics}, a
 * {@code MeterBinder} over a {@code ChaosMonkey}'s events and counters. Chaos-core never imports Micrometer.
 */
package dev.chaosmonkey.micrometer;
