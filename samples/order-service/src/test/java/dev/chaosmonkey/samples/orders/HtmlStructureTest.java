package dev.chaosmonkey.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check {@link DemoScriptIT} applies to the report must itself be able to fail. */
class HtmlStructureTest {

    @Test
    void acceptsHtml5AndXhtml() {
        assertThat(HtmlStructure.problems("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>a>b{}</style>"
                + "</head><body><p>x<br>y</p><svg><line/></svg></body></html>")).isEmpty();
        assertThat(HtmlStructure.problems("<html><body><br/><table><tr><td>1</td></tr></table></body></html>"))
                .isEmpty();
    }

    @Test
    void reportsUnclosedAndMisnestedElements() {
        assertThat(HtmlStructure.problems("<html><body><table><tr><td>1</tr></table></body></html>"))
                .singleElement().asString().contains("</tr>", "closes <td>");
        assertThat(HtmlStructure.problems("<html><body><p>cut off")).first().asString()
                .isEqualTo("unclosed at the end: [p, body, html]");
        assertThat(HtmlStructure.problems("<p>no page</p>")).containsExactly("no <html> element");
    }
}
