package dev.chaosmonkey.agent.internal.diamond;

/** Reached twice from {@link DiamondPreparedStatement}: through its super class and directly. */
public interface ExtStatement extends BaseStatement {
}
