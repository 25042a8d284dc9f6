package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Scenario group for the regular experiment suite (one fault episode).
 *
 * <p>Tagged {@code chaos-standard}: select or exclude with {@code mvn test -Dgroups=chaos-standard} / {@code -DexcludedGroups=chaos-standard}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chaos-standard")
public @interface StandardScenario {
}
