package dev.chaosmonkey.junit;

/**
 * Where the faults of a {@link ChaosExperiment} act: only on the experiment's own calls ({@link #TEST}) or on the
 * whole JVM ({@link #GLOBAL}). Set on {@link ChaosExperiment#scope()} and, per fault, on {@link Fault#scope()}; the
 * innermost setting that is not {@link #DEFAULT} wins (fault, then method, then class, then enclosing classes), and
 * {@link #TEST} applies when none is set.
 *
 * <p>A scoped fault fires only for calls made inside the experiment's {@code ChaosScope}: the test thread (test body,
 * the extension's fault windows), the steady-state probe's sampling thread, and work the agent or
 * {@code ChaosScope.wrap(...)} carries into it. A call made on a thread the experiment did not start and that no one
 * propagated the scope to (a server's request thread, a pool the agent does not weave) is outside the scope and is
 * not faulted; declare such experiments {@link #GLOBAL}.
 *
 * <p>Experiments whose faults are all scoped hold the chaos lock {@value ChaosExperiment#GLOBAL_CHAOS_LOCK} shared
 * (they run in parallel with each other); an experiment with a process-wide fault ({@link #GLOBAL}, or a
 * {@code resource} fault, which always acts on the whole process) holds it exclusively.
 */
public enum FaultScope {
    /** Inherit: from the enclosing declaration, {@link #TEST} at the outermost level. */
    DEFAULT,
    /**
     * The fault fires only inside the experiment's scope ({@code scope=<experiment scope>} is added to its rule).
     * {@code resource} faults cannot be scoped and stay process-wide; a spec that names its own {@code scope=} keeps
     * it.
     */
    TEST,
    /** The fault acts on the whole JVM, as without scopes; the experiment runs alone. */
    GLOBAL
}
