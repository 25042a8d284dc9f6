/**
 * The public API of chaos-core: {@link dev.chaosmonkey.core.ChaosMonkey} (the engine and its {@code decide*} hot
 * path), rules ({@link dev.chaosmonkey.core.ChaosRule}, the spec format {@link dev.chaosmonkey.core.FaultSpec}),
 * faults ({@link dev.chaosmonkey.core.Fault} and its subclasses, each of which performs itself), injection points,
 * configuration, events and the JMX interface.
 *
 * <p>Package-private classes here are the engine's parts behind the facade and are not API: rule checks
 * ({@code RuleLimits}), the rule at work ({@code RuleRuntime}, {@code HoldGate}), resource supervision, the global
 * budget, event delivery, JMX registration, the spec lexer and the fault and option tables.
 *
 * <p>Everything here may be loaded by the bootstrap class loader (when the agent is attached), so it references
 * only {@code java.base}, {@code java.management} and {@code java.logging}, logs through {@link System.Logger},
 * and is compiled with {@code -XDstringConcat=inline}.
 */
package dev.chaosmonkey.core;
