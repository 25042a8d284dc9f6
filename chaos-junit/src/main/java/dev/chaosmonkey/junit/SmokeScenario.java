package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Scenario group for quick experiments run on every build (one fault episode).
 *
 * <p>Tagged {@code chaos-smoke}: select or exclude with {@code mvn test -Dgroups=chaos-smoke} / {@code -DexcludedGroups=chaos-smoke}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chaos-smoke")
public @interface SmokeScenario {
}
