package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Intensity preset: faults declared without {@code p=} fire on every matching call (the default).
 *
 * <p>Tagged {@code chaos-heavy}: select or exclude with {@code mvn test -Dgroups=chaos-heavy} / {@code -DexcludedGroups=chaos-heavy}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chaos-heavy")
public @interface HeavyIntensity {
}
