/**
 * Resource faults (public API): memory leak, GC pressure, CPU burn, thread and connection-pool exhaustion, and
 * {@link dev.chaosmonkey.core.resource.ResourceTargets}, where applications register the executors and pools they
 * may exhaust.
 *
 * <p>Each fault's running effect ({@code *Run}), its argument reader ({@code ResourceArgs}) and its thread factory
 * ({@code ChaosThreads}) are package-private and live next to the fault they serve; they are not API.
 */
package dev.chaosmonkey.core.resource;
