package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fault a {@link ChaosExperiment} arms for its fault window, in the core spec format (see
 * {@code dev.chaosmonkey.core.FaultSpec}):
 *
 * <pre>{@code @Fault("custom name=inventory -> exception(java.net.ConnectException, \"inventory down\")")}</pre>
 *
 * <p>Repeatable; declarations on the class apply to each of its experiments, before those on the method. A spec
 * without {@code p=} takes the probability of the intensity preset ({@link LightIntensity}, {@link MediumIntensity},
 * {@link HeavyIntensity}), 1.0 without one. A spec that does not parse fails the test with an
 * {@code ExtensionConfigurationException} naming the problem and its column.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Faults.class)
public @interface Fault {
    /** The fault spec. */
    String value();
}
