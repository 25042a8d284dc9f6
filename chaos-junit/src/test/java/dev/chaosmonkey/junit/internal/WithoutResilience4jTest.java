package dev.chaosmonkey.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The extension's Resilience4j support in a class loader that cannot see Resilience4j, as for a user without it:
 * nothing fails, nothing is observed.
 */
class WithoutResilience4jTest {

    /** Defines dev.chaosmonkey.junit classes itself and hides io.github.resilience4j. */
    static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.github.resilience4j.")) {
                    throw new ClassNotFoundException(name + " hidden");
                }
                if (!name.startsWith("dev.chaosmonkey.junit.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void resilienceSupportWorksWithoutResilience4j() throws Exception {
        ClassLoader hiding = new HidingLoader(getClass().getClassLoader());
        Class<?> support = hiding.loadClass(ResilienceSupport.class.getName());
        Class<?> sinkType = hiding.loadClass(TimelineSink.class.getName());
        Object sink = Proxy.newProxyInstance(hiding, new Class<?>[] {sinkType}, (p, m, a) ->
                m.getReturnType() == long.class ? 0L : null);

        assertThat(support.getMethod("anyPresent").invoke(null)).isEqualTo(false);
        Method observe = support.getMethod("observe", Object.class, sinkType);
        // an object whose class name looks like Resilience4j, seen through a loader that lacks the library
        assertThat((List<?>) observe.invoke(null, CircuitBreaker.ofDefaults("x"), sink)).isEmpty();
        assertThat((List<?>) observe.invoke(null, "not a component", sink)).isEmpty();
    }
}
