package dev.chaosmonkey.experiment.internal;

/** Limits that keep a hostile or mistaken experiment file from costing much to read. */
final class ExperimentFileLimits {
    /** Code points SnakeYAML may read. */
    static final int CODE_POINTS = 512 * 1024;

    private ExperimentFileLimits() {
    }
}
