/**
 * Bridge classes that advice woven into JDK and library classes calls. They are packed with chaos-core into the
 * nested bootstrap jar and appended to the bootstrap class path, so they may reference only {@code java.base} and
 * chaos-core; never ByteBuddy, {@code java.sql}, {@code java.net.http} or library types (those are reached by
 * reflection or through the advice, which runs inside the instrumented class).
 */
package dev.chaosmonkey.agent.bootstrap;
