package dev.chaosmonkey.core;

import java.util.Map;

import dev.chaosmonkey.core.resource.ConnectionExhaustionFault;
import dev.chaosmonkey.core.resource.CpuBurnFault;
import dev.chaosmonkey.core.resource.GcPressureFault;
import dev.chaosmonkey.core.resource.MemoryLeakFault;
import dev.chaosmonkey.core.resource.ThreadExhaustionFault;

/** Parses the resource fault names of the spec format. */
final class ResourceFaults {
    private ResourceFaults() {
    }

    /**
     * Builds the resource fault called {@code name}; {@code null} when no resource fault has that name.
     * Positional arguments are keyed {@code #0}, {@code #1}, ...
     *
     * @throws IllegalArgumentException for bad arguments
     */
    static Fault parse(String name, Map<String, String> args) {
        switch (name) {
            case "leak":
                return MemoryLeakFault.fromArguments(args);
            case "gc-pressure":
                return GcPressureFault.fromArguments(args);
            case "cpu":
                return CpuBurnFault.fromArguments(args);
            case "threads":
                return ThreadExhaustionFault.fromArguments(args);
            case "connections":
                return ConnectionExhaustionFault.fromArguments(args);
            default:
                return null;
        }
    }

    /** Resource fault names for "unknown fault" messages, each preceded by ", ". */
    static String namesForError() {
        return ", leak, gc-pressure, cpu, threads, connections";
    }
}
