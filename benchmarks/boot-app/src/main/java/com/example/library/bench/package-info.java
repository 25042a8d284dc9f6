/**
 * Measurement hooks for the benchmarks' {@code arm} part, active only with {@code bench.pause-monitor=true}: a
 * thread that queries the database every millisecond and reports the longest gap it saw between two answers.
 */
package com.example.library.bench;
