package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Intensity preset: faults declared without {@code p=} fire on 25% of the matching calls.
 *
 * <p>Tagged {@code chaos-light}: select or exclude with {@code mvn test -Dgroups=chaos-light} / {@code -DexcludedGroups=chaos-light}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chaos-light")
public @interface LightIntensity {
}
