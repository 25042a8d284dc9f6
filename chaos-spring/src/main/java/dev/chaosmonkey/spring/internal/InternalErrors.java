package dev.chaosmonkey.spring.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors raised by the starter's own code inside a host call (never the injected fault): counted, logged once per
 * place, and the call proceeds without chaos.
 */
public final class InternalErrors {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final LongAdder COUNT = new LongAdder();

    private InternalErrors() {
    }

    /** Records an internal error at {@code where}; rethrows only virtual machine errors. */
    public static void swallow(String where, Throwable t) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        COUNT.increment();
        if (LOGGED.add(where)) {
            LOG.warn("chaos: internal error in the {} wrapper; the call proceeds without chaos (logged once)", where, t);
        }
    }

    /** How many internal errors were swallowed in this JVM. */
    public static long count() {
        return COUNT.sum();
    }
}
