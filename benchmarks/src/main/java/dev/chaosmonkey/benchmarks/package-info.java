/**
 * The measurement harness (not published, not API): JMH benchmarks, start-up and delay probes, and the suite that
 * writes the tables of {@code BENCHMARKS.md}.
 */
package dev.chaosmonkey.benchmarks;
