package dev.chaosmonkey.core;

import java.util.Map;

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
        return null;
    }

    /** Resource fault names for "unknown fault" messages, each preceded by ", ". */
    static String namesForError() {
        return "";
    }
}
