package dev.chaosmonkey.agent;

import java.lang.instrument.Instrumentation;

import dev.chaosmonkey.agent.internal.AgentBootstrap;
import dev.chaosmonkey.agent.internal.AttachCli;

/**
 * Entry points of the chaos agent jar.
 *
 * <ul>
 *   <li>{@code java -javaagent:chaos-agent.jar[=options] -jar app.jar}: {@link #premain(String, Instrumentation)}</li>
 *   <li>{@code java -jar chaos-agent.jar attach <pid> [spec...]}: {@link #main(String[])}, which loads the agent
 *       into the running JVM ({@link #agentmain(String, Instrumentation)}) and talks to it over JMX</li>
 * </ul>
 *
 * <p>Options are separated by {@code ;} (semicolons inside double quotes do not separate): {@code spec=<fault spec>}
 * (repeatable; a bare item containing {@code ->} is a spec too), {@code config=<file>} (a file of specs, one per line,
 * re-read when it changes) and {@code enabled=true}. See the module README.
 *
 * <p>This class must stay tiny and must not touch chaos-core before the bootstrap class path is set up.
 */
public final class ChaosAgent {
    private ChaosAgent() {
    }

    /** Called by the JVM for {@code -javaagent}. Never throws: a broken agent logs and lets the application run. */
    public static void premain(String options, Instrumentation instrumentation) {
        AgentBootstrap.start(options, instrumentation, false);
    }

    /** Called by the JVM when the agent is loaded into a running JVM through the attach API. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        AgentBootstrap.start(options, instrumentation, true);
    }

    /** The command line: {@code attach}, {@code list}, {@code disarm}, {@code detach}, {@code --help}. */
    public static void main(String[] args) {
        System.exit(AttachCli.run(args, System.out, System.err));
    }
}
