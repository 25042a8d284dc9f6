package dev.chaosmonkey.experiment;

/** An experiment file that cannot be used; the message starts with {@code file:line:column:}. */
public final class ExperimentFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;

    /** Creates the error; {@code line} and {@code column} are 1-based, 0 when unknown. */
    public ExperimentFileException(String source, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file. */
    public String source() {
        return source;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }
}
