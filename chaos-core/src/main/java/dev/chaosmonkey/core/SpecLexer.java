package dev.chaosmonkey.core;

import dev.chaosmonkey.core.internal.Specs;

/**
 * The tokens of one spec line: words, double-quoted strings and the symbols {@code -> = != ~ !~ ( ) ,}. Positions are
 * 0-based offsets into the line; errors are {@link ChaosSpecException}s carrying the line and a 1-based column.
 */
final class SpecLexer {
    static final int EOF = 0;
    static final int WORD = 1;
    static final int STRING = 2;
    static final int SYMBOL = 3;

    private final String text;
    private final int line;
    private int pos;

    /** The current token: its type, text (unescaped for strings) and start offset. */
    int type;
    String token;
    int start;

    SpecLexer(String text, int line) {
        this.text = text;
        this.line = line;
    }

    /** An error at offset {@code at} of the line. */
    ChaosSpecException error(int at, String problem) {
        return new ChaosSpecException(text, line, at + 1, problem);
    }

    /** Advances to the next token. */
    void next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        start = pos;
        if (pos >= text.length()) {
            type = EOF;
            token = "end of spec";
            return;
        }
        char c = text.charAt(pos);
        if (c == '"') {
            readString();
            return;
        }
        if (text.startsWith("->", pos)) {
            pos += 2;
            type = SYMBOL;
            token = "->";
            return;
        }
        if (text.startsWith("!=", pos) || text.startsWith("!~", pos)) {
            type = SYMBOL;
            token = text.substring(pos, pos + 2);
            pos += 2;
            return;
        }
        if ("=~(),".indexOf(c) >= 0) {
            pos++;
            type = SYMBOL;
            token = String.valueOf(c);
            return;
        }
        if (Specs.isWordChar(c)) {
            int begin = pos;
            while (pos < text.length() && Specs.isWordChar(text.charAt(pos)) && !text.startsWith("->", pos)) {
                pos++;
            }
            type = WORD;
            token = text.substring(begin, pos);
            return;
        }
        throw error(pos, "unexpected character '" + c + "'");
    }

    private void readString() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "unterminated string (missing closing \")");
            }
            char d = text.charAt(pos++);
            if (d == '"') {
                break;
            }
            if (d == '\\') {
                if (pos >= text.length()) {
                    throw error(start, "unterminated string (missing closing \")");
                }
                char e = text.charAt(pos++);
                if (e != '"' && e != '\\') {
                    throw error(pos - 2, "unknown escape '\\" + e + "' (only \\\" and \\\\ are allowed;"
                            + " regex backslashes are written \\\\)");
                }
                sb.append(e);
            } else {
                sb.append(d);
            }
        }
        type = STRING;
        token = sb.toString();
    }

    /** The current token as error messages name it. */
    String describe() {
        switch (type) {
            case EOF:
                return "end of spec";
            case STRING:
                return "string \"" + token + "\"";
            default:
                return "'" + token + "'";
        }
    }

    boolean isSymbol(String s) {
        return type == SYMBOL && token.equals(s);
    }

    boolean isValue() {
        return type == WORD || type == STRING;
    }

    void expectSymbol(String s, String context) {
        if (!isSymbol(s)) {
            throw error(start, "expected '" + s + "' " + context + " but found " + describe());
        }
        next();
    }
}
