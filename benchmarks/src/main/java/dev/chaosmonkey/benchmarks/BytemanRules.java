package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.bench.WovenTarget;

/**
 * The Byteman script of the peer comparison: rules on the same two calls as the chaos agent ({@link WovenTarget#mix}
 * and H2's {@code JdbcPreparedStatement.executeQuery()}), loaded but never firing ({@code IF false}), plus one firing
 * rule on {@link WovenTarget#unused} that lets the benchmark prove the script is active.
 */
public final class BytemanRules {
    /** System property the proof rule sets. */
    public static final String ACTIVE_PROPERTY = "chaos.bench.byteman.active";

    /** The script text. */
    public static final String SCRIPT = """
            RULE bench trivial method, never fires
            CLASS %1$s
            METHOD %2$s
            AT ENTRY
            IF false
            DO throw new RuntimeException("byteman fault")
            ENDRULE

            RULE bench h2 executeQuery, never fires
            CLASS org.h2.jdbc.JdbcPreparedStatement
            METHOD executeQuery()
            AT ENTRY
            IF false
            DO throw new java.sql.SQLTransientConnectionException("byteman fault")
            ENDRULE

            RULE bench proof that the script is active
            CLASS %1$s
            METHOD %3$s
            AT ENTRY
            IF true
            DO System.setProperty("%4$s", "true")
            ENDRULE
            """.formatted(WovenTarget.CLASS_NAME, WovenTarget.METHOD_NAME, WovenTarget.OTHER_METHOD_NAME,
            ACTIVE_PROPERTY);

    private BytemanRules() {
    }

    /** Writes the script to {@code directory/bench.btm} and returns its path. */
    public static Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        return Files.writeString(directory.resolve("bench.btm"), SCRIPT);
    }

    /** The {@code -javaagent} argument loading Byteman with the script. */
    public static String agentArgument(Path bytemanJar, Path script) {
        return "-javaagent:" + bytemanJar + "=script:" + script;
    }
}
