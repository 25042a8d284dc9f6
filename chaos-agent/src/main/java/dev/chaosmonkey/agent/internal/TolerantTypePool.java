package dev.chaosmonkey.agent.internal;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * ByteBuddy's lazy type pool, falling back to the loaded class for a type no class file describes. Other agents
 * define such types: the OpenTelemetry agent, listed before ours, adds {@code VirtualFieldAccessor$...} interfaces
 * it generates to JDBC drivers and pools, and weaving those classes failed with {@code NoSuchTypeException}, so
 * chaos silently never fired on them. The fallback only asks for a class that is already defined somewhere the
 * instrumented class's loader can reach; a type that is really missing stays unresolved.
 */
final class TolerantTypePool extends TypePool.Default.WithLazyResolution {
    private final ClassLoader loader;

    private TolerantTypePool(ClassFileLocator locator, ClassLoader loader) {
        super(new ResolvedOnly(), locator, TypePool.Default.ReaderMode.FAST);
        this.loader = loader;
    }

    @Override
    protected Resolution doResolve(String name) {
        Resolution fromClassFile = super.doResolve(name);
        if (fromClassFile.isResolved()) {
            return fromClassFile;
        }
        try {
            return new Resolution.Simple(TypeDescription.ForLoadedType.of(Class.forName(name, false, loader)));
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return fromClassFile;
        }
    }

    /**
     * Caches resolved types only: the lazy pool registers a failed class-file lookup before the fallback runs, and
     * a cached failure would hide the loaded class from every later lookup.
     */
    private static final class ResolvedOnly implements TypePool.CacheProvider {
        private final TypePool.CacheProvider cache = TypePool.CacheProvider.Simple.withObjectType();

        @Override
        public Resolution find(String name) {
            return cache.find(name);
        }

        @Override
        public Resolution register(String name, Resolution resolution) {
            return resolution.isResolved() ? cache.register(name, resolution) : resolution;
        }

        @Override
        public void clear() {
            cache.clear();
        }
    }

    /** The pool strategy of the agent: one tolerant pool per transformation, as ByteBuddy's default does. */
    static final class Strategy implements AgentBuilder.PoolStrategy {
        @Override
        public TypePool typePool(ClassFileLocator locator, ClassLoader loader) {
            return new TolerantTypePool(locator, loader);
        }

        @Override
        public TypePool typePool(ClassFileLocator locator, ClassLoader loader, String name) {
            return new TolerantTypePool(locator, loader);
        }
    }
}
