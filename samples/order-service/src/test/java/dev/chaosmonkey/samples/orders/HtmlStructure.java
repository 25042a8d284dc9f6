package dev.chaosmonkey.samples.orders;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural check of an HTML page without an HTML parser on the class path: every element is closed, in order,
 * except HTML's void elements ({@code <meta>}, {@code <br>}, ...); {@code <style>} and {@code <script>} bodies are
 * skipped. Accepts XHTML (where void elements are written {@code <br/>}) and HTML5 alike.
 */
final class HtmlStructure {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr");
    private static final Set<String> RAW_TEXT = Set.of("style", "script");

    private HtmlStructure() {
    }

    /** The structural problems of {@code html}, each with its character offset; empty when well-formed. */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(html);
        int from = 0;
        while (m.find(from)) {
            String name = m.group(2).toLowerCase(Locale.ROOT);
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosed = m.group(3).endsWith("/");
            from = m.end();
            if (closing) {
                if (open.isEmpty() || !open.peek().equals(name)) {
                    problems.add("</" + name + "> at " + m.start() + " closes " + (open.isEmpty() ? "nothing"
                            : "<" + open.peek() + ">"));
                    return problems;
                }
                open.pop();
            } else if (!selfClosed && !VOID.contains(name)) {
                open.push(name);
                if (RAW_TEXT.contains(name)) {
                    int end = html.toLowerCase(Locale.ROOT).indexOf("</" + name, from);
                    if (end < 0) {
                        problems.add("<" + name + "> at " + m.start() + " is never closed");
                        return problems;
                    }
                    from = end;
                }
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed at the end: " + open);
        }
        if (!html.contains("<html") || !html.contains("</html>")) {
            problems.add("no <html> element");
        }
        return problems;
    }
}
