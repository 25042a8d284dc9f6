package dev.chaosmonkey.junit;

import org.assertj.core.api.AbstractAssert;

import dev.chaosmonkey.junit.internal.ComponentRecording;
import dev.chaosmonkey.junit.internal.Recordings;

/**
 * Base of the assertions on a Resilience4j component observed by a running experiment.
 *
 * @param <S> the assertion's own type
 * @param <A> the component type
 */
public abstract class ObservedComponentAssert<S extends ObservedComponentAssert<S, A>, A>
        extends AbstractAssert<S, A> {
    private final String kind;

    /** Creates the assertion. */
    protected ObservedComponentAssert(A actual, Class<?> selfType, String kind) {
        super(actual, selfType);
        this.kind = kind;
    }

    /** The experiment's recording of the component; fails when it is not observed. */
    protected ComponentRecording recording() {
        isNotNull();
        ComponentRecording r = Recordings.of(actual);
        if (r == null) {
            failWithMessage("%s %s is not observed by a running @ChaosExperiment: declare it (or its registry) as a"
                    + " field of the test class, or call ChaosControl.observe(...) before the fault", kind,
                    describe());
        }
        return r;
    }

    /** The component's name for messages. */
    protected abstract String describe();

    /** Asserts that counter {@code counter} reached at least {@code min}. */
    protected S counterAtLeast(String counter, String what, long min) {
        long n = recording().counter(counter);
        if (n < min) {
            failWithMessage("expected %s %s to have %s at least %d time(s) during the experiment, but it had %d"
                    + " (observed: %s)", kind, describe(), what, min, n, recording().counters());
        }
        return myself;
    }

    /** Asserts that counter {@code counter} stayed 0. */
    protected S counterZero(String counter, String what) {
        long n = recording().counter(counter);
        if (n != 0) {
            failWithMessage("expected %s %s to have no %s during the experiment, but it had %d", kind, describe(),
                    what, n);
        }
        return myself;
    }
}
