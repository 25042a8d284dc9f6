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

    private TolerantTypePool(TypePool.CacheProvider cache, ClassFileLocator locator, ClassLoader loader) {
        super(cache, locator, TypePool.Default.ReaderMode.FAST);
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
     * a cached failure would hide the loaded class from every later lookup. At most {@value #MAX_TYPES} types; past
     * that the cache starts over.
     */
    private static final class ResolvedOnly implements TypePool.CacheProvider {
        static final int MAX_TYPES = 20_000;
        private final java.util.concurrent.ConcurrentHashMap<String, Resolution> cache =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Resolution find(String name) {
            if (name.equals("java.lang.Object")) {
                return OBJECT;
            }
            return cache.get(name);
        }

        @Override
        public Resolution register(String name, Resolution resolution) {
            if (!resolution.isResolved()) {
                return resolution;
            }
            if (cache.size() >= MAX_TYPES) {
                cache.clear();
            }
            Resolution earlier = cache.putIfAbsent(name, resolution);
            return earlier == null ? resolution : earlier;
        }

        @Override
        public void clear() {
            cache.clear();
        }
    }

    private static final Resolution OBJECT = new Resolution.Simple(TypeDescription.ForLoadedType.of(Object.class));

    /**
     * The pool strategy of the agent: one tolerant pool per transformation, over a cache of the super types resolved
     * so far for the same class loader. Matching walks the super types of every class named like a JDBC type (some
     * 200 in a Spring Boot application with Hibernate, many sharing deep hierarchies); without the cache each walk
     * read and parsed every super type's class file again, 2-30 ms per class on the loading thread. A type's name
     * and super types never change after it was defined (retransformation cannot change them), so a cached
     * description stays right for matching; the class being transformed is described from the bytes being
     * transformed, never from the cache. Caches are dropped with their class loader.
     */
    static final class Strategy implements AgentBuilder.PoolStrategy {
        private final java.util.Map<ClassLoader, ResolvedOnly> caches =
                java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
        private final ResolvedOnly bootCache = new ResolvedOnly();

        private ResolvedOnly cacheOf(ClassLoader loader) {
            return loader == null ? bootCache : caches.computeIfAbsent(loader, l -> new ResolvedOnly());
        }

        @Override
        public TypePool typePool(ClassFileLocator locator, ClassLoader loader) {
            return new TolerantTypePool(new ResolvedOnly(), locator, loader);
        }

        @Override
        public TypePool typePool(ClassFileLocator locator, ClassLoader loader, String name) {
            return new TolerantTypePool(new Layered(cacheOf(loader), name), locator, loader);
        }
    }

    /**
     * The shared cache of a class loader, except for the type being transformed: its description comes from the
     * bytes at hand and is kept only for this one transformation.
     */
    private static final class Layered implements TypePool.CacheProvider {
        private final ResolvedOnly shared;
        private final String transformed;
        private volatile Resolution own;

        Layered(ResolvedOnly shared, String transformed) {
            this.shared = shared;
            this.transformed = transformed;
        }

        @Override
        public Resolution find(String name) {
            return name.equals(transformed) ? own : shared.find(name);
        }

        @Override
        public Resolution register(String name, Resolution resolution) {
            if (name.equals(transformed)) {
                if (resolution.isResolved()) {
                    own = resolution;
                }
                return resolution;
            }
            return shared.register(name, resolution);
        }

        @Override
        public void clear() {
            own = null;
        }
    }
}
