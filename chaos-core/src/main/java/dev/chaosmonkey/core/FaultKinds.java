package dev.chaosmonkey.core;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.chaosmonkey.core.resource.ConnectionExhaustionFault;
import dev.chaosmonkey.core.resource.CpuBurnFault;
import dev.chaosmonkey.core.resource.GcPressureFault;
import dev.chaosmonkey.core.resource.MemoryLeakFault;
import dev.chaosmonkey.core.resource.ThreadExhaustionFault;

/**
 * The fault names of the spec format and the parser of each: the one place a new fault kind is registered. The
 * "unknown fault" error lists the names from here.
 */
final class FaultKinds {
    /** Builds a fault from its spec arguments; throws {@link ChaosSpecException} or IllegalArgumentException. */
    interface Parser {
        Fault parse(FaultArgs args);
    }

    private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("exception", ExceptionFault::parse);
        PARSERS.put("delay", DelayFault::parse);
        PARSERS.put("timeout", TimeoutFault::parse);
        PARSERS.put("status", HttpStatusFault::parse);
        PARSERS.put("leak", a -> MemoryLeakFault.fromArguments(a.asMap()));
        PARSERS.put("gc-pressure", a -> GcPressureFault.fromArguments(a.asMap()));
        PARSERS.put("cpu", a -> CpuBurnFault.fromArguments(a.asMap()));
        PARSERS.put("threads", a -> ThreadExhaustionFault.fromArguments(a.asMap()));
        PARSERS.put("connections", a -> ConnectionExhaustionFault.fromArguments(a.asMap()));
        PARSERS.put("return", ReturnFault::parse);
        PARSERS.put("reset", ResponseBodyFault::parseReset);
        PARSERS.put("truncate", ResponseBodyFault::parseTruncate);
        PARSERS.put("dribble", ResponseBodyFault::parseDribble);
    }

    private FaultKinds() {
    }

    /** The parser for a fault name, or {@code null}. */
    static Parser parser(String name) {
        return PARSERS.get(name);
    }

    /** Every fault name, for error messages: {@code exception, delay, ...}. */
    static String names() {
        return String.join(", ", PARSERS.keySet());
    }
}
