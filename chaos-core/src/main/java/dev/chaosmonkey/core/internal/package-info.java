/**
 * Internal helpers of chaos-core: NOT API, may change in any release.
 *
 * <p>The only users outside chaos-core are chaos-agent of the same version, which is built from the same commit and
 * ships chaos-core inside its jar: it uses {@link dev.chaosmonkey.core.internal.ChaosLog} (bootstrap-safe logging
 * with log-once keys), {@link dev.chaosmonkey.core.internal.Glob} (the glob semantics of {@code method} rules, which
 * must match the matcher's) and {@link dev.chaosmonkey.core.internal.Throwables#registerClassLoader(ClassLoader)}
 * (making library loaders visible to exception lookup). These stay internal rather than being promoted to API:
 * they have no use for applications, and keeping them here lets the agent and core change them together. Other
 * modules (chaos-junit, chaos-micrometer, chaos-spring) must not import this package.
 *
 * <p>Nothing here imports the rest of chaos-core: the package is a leaf.
 */
package dev.chaosmonkey.core.internal;
