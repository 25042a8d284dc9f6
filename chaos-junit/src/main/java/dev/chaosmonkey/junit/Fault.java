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
 *
 * <p>The fault acts only on the experiment's own calls (its scope) unless this declaration or the experiment says
 * {@link FaultScope#GLOBAL}; {@code resource} faults always act on the whole process. A process-wide fault makes the
 * experiment run alone.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Faults.class)
public @interface Fault {
    /** The fault spec. */
    String value();

    /**
     * Where this fault acts; {@link FaultScope#DEFAULT} takes the experiment's {@link ChaosExperiment#scope()}.
     * {@code @Fault(value = "...", scope = FaultScope.GLOBAL)} makes one fault process-wide.
     */
    FaultScope scope() default FaultScope.DEFAULT;
}
