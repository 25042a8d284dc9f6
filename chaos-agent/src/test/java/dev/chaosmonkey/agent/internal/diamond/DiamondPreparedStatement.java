package dev.chaosmonkey.agent.internal.diamond;

/** Reaches {@link BaseStatement} through its super class first, then through {@link ExtStatement}. */
public abstract class DiamondPreparedStatement extends DiamondStatement implements ExtStatement {
}
