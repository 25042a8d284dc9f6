package dev.chaosmonkey.agent.internal.diamond;

/** A wrapper that is a statement only through {@link ExtStatement}. */
public abstract class ProxyStatement implements ExtStatement {
    @Override
    public boolean execute(String sql) {
        return true;
    }
}
