/**
 * Bridge classes that advice woven into JDK and library classes calls. They are packed alone into the nested
 * bridge jar and appended to the bootstrap class path, so they reference only {@code java.base}: never chaos-core
 * (which stays with the class loader that owns it, so an application that loaded chaos-core itself keeps working
 * when the agent attaches), ByteBuddy, {@code java.sql}, {@code java.net.http} or library types (those are reached
 * through method handles). The agent installs the live state with {@link dev.chaosmonkey.agent.bootstrap.ChaosBridge}.
 * Internal: not an API.
 */
package dev.chaosmonkey.agent.bootstrap;
