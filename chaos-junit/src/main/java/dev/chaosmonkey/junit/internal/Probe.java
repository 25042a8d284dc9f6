package dev.chaosmonkey.junit.internal;

import dev.chaosmonkey.junit.ProbeOutcome;

/** A steady-state probe bound to its test instance. */
public interface Probe {

    /** The probe's name (method or field name, or the {@code @SteadyStateProbe} value). */
    String name();

    /**
     * Takes one sample.
     *
     * @return the outcome; a thrown exception counts as {@link ProbeOutcome#FAILED}
     * @throws Throwable whatever the probed system throws
     */
    ProbeOutcome sample() throws Throwable;
}
