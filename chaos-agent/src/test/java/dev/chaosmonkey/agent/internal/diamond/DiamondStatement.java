package dev.chaosmonkey.agent.internal.diamond;

/** Implements {@link BaseStatement} directly. */
public abstract class DiamondStatement implements BaseStatement {
}
