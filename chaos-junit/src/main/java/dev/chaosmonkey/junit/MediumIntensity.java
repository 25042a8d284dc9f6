package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Intensity preset: faults declared without {@code p=} fire on 50% of the matching calls.
 *
 * <p>Tagged {@code chaos-medium}: select or exclude with {@code mvn test -Dgroups=chaos-medium} / {@code -DexcludedGroups=chaos-medium}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chaos-medium")
public @interface MediumIntensity {
}
