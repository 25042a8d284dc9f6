package dev.chaosmonkey.core;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * What the engine does when a rule's regular expression gives up on a call ({@link AttributeMatcher.Aborted}):
 * the call proceeds as not matching, and the rule is disarmed with one error log, since a pattern that blew its
 * budget once will do so again on the next call of the same shape.
 */
final class RegexAbort {
    private RegexAbort() {
    }

    static void disarm(ChaosMonkey monkey, String id, String spec, AttributeMatcher.Aborted e) {
        ChaosLog.errorOnce("regex-abort-" + id + "@" + System.identityHashCode(monkey), "chaos rule " + id
                + " disarmed: its matcher " + e.getMessage() + "; the call proceeds as not matching. Rule: " + spec,
                e.getCause());
        monkey.disarm(id);
    }
}
