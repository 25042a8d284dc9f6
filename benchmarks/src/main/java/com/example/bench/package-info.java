/**
 * Stand-in application code for the woven-call benchmarks: outside {@code dev.chaosmonkey}, because the agent never
 * weaves its own namespace.
 */
package com.example.bench;
