package dev.chaosmonkey.core;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Labels injected failures so that reports and logs can tell them from organic ones, and recognises them.
 *
 * <p>The label: every throwable a rule injects (exception, timeout, the {@code IOException} of a status fault a
 * client cannot answer with a response) carries a suppressed {@link ChaosInjectedException} whose message is
 * {@code chaos: injected by rule <id>}, printed in every stack trace as
 * {@code Suppressed: dev.chaosmonkey.core.ChaosInjectedException: chaos: injected by rule r1}. Messages given in a
 * spec stay exactly as written (callers match them); generated messages also name the rule. Throwables that are
 * chaos exceptions themselves need no label. Synthetic HTTP responses carry the header
 * {@code X-Chaos-Injected: <rule id>} instead.
 *
 * <p>Recognition ({@link #isInjected(Throwable)}) walks causes and suppressed throwables, so an injected failure
 * wrapped by a client, a retry library or Spring is still recognised; classes are compared by name, so it works
 * whichever class loader holds chaos-core.
 */
public final class InjectedFailures {
    /** The label's message prefix, followed by the rule id. */
    public static final String LABEL_PREFIX = "chaos: injected by rule ";
    /** The header synthetic HTTP responses carry, with the rule id as value. */
    public static final String HEADER = "X-Chaos-Injected";
    private static final String CHAOS_EXCEPTION = "dev.chaosmonkey.core.ChaosInjectedException";
    private static final String CHAOS_TIMEOUT = "dev.chaosmonkey.core.ChaosTimeoutException";
    /** Throwables visited at most: causes and suppressed of attacker-sized chains stay bounded. */
    private static final int MAX_VISITED = 64;

    private InjectedFailures() {
    }

    /** Adds the label of rule {@code ruleId} to {@code t} (unless it is a chaos exception) and returns it. */
    static Throwable label(Throwable t, String ruleId) {
        if (t == null || isChaosException(t.getClass())) {
            return t;
        }
        ChaosInjectedException marker = new ChaosInjectedException(LABEL_PREFIX + ruleId);
        marker.setStackTrace(new StackTraceElement[0]);
        t.addSuppressed(marker);
        return t;
    }

    /** Whether {@code t}, one of its causes or suppressed throwables was injected by a chaos rule. */
    public static boolean isInjected(Throwable t) {
        return find(t) != null;
    }

    /** The id of the rule that injected {@code t} (or a cause, or a suppressed throwable of it), if any. */
    public static Optional<String> ruleId(Throwable t) {
        Throwable found = find(t);
        if (found == null) {
            return Optional.empty();
        }
        String message = found.getMessage();
        int at = message == null ? -1 : message.indexOf("injected by rule ");
        if (at < 0) {
            return Optional.empty();
        }
        String rest = message.substring(at + "injected by rule ".length());
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && rest.charAt(end) != ')') {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(rest.substring(0, end));
    }

    private static Throwable find(Throwable t) {
        if (t == null) {
            return null;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(t);
        while (!todo.isEmpty() && seen.size() < MAX_VISITED) {
            Throwable next = todo.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (isChaosException(next.getClass()) || isLabelled(next.getMessage())) {
                return next;
            }
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
            for (Throwable s : next.getSuppressed()) {
                todo.add(s);
            }
        }
        return null;
    }

    private static boolean isLabelled(String message) {
        return message != null && message.startsWith("chaos: ") && message.contains("injected by rule ");
    }

    private static boolean isChaosException(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(CHAOS_EXCEPTION) || c.getName().equals(CHAOS_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
