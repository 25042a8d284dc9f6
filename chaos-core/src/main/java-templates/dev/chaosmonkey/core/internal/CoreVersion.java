package dev.chaosmonkey.core.internal;

/**
 * The chaos-core version, fixed at build time. A compile-time constant rather than a resource lookup, because
 * resources of jars appended to the bootstrap class path at run time (as the agent does) cannot be looked up.
 */
public final class CoreVersion {
    /** The Maven version of this chaos-core build. */
    public static final String VALUE = "${project.version}";

    private CoreVersion() {
    }
}
