package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Scenario group for long, repeated experiments: three fault episodes unless {@link ChaosExperiment#episodes()} says otherwise.
 *
 * <p>Tagged {@code chaos-stress}: select or exclude with {@code mvn test -Dgroups=chaos-stress} / {@code -DexcludedGroups=chaos-stress}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chaos-stress")
public @interface StressScenario {
}
