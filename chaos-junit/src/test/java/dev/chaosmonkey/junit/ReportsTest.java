package dev.chaosmonkey.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import dev.chaosmonkey.junit.examples.ReportedExample;
import dev.chaosmonkey.junit.internal.ReportWriter;

/** The JSON, Markdown and HTML reports of a real experiment run. */
@ResourceLock(ChaosExperiment.GLOBAL_CHAOS_LOCK)
class ReportsTest {
    private static final String NAME = "ReportedExample.checkoutDegradesGracefully";
    private static Path dir;

    @BeforeAll
    static void runExperiment() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ReportedExample.class)).execute()
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        dir = ReportWriter.directory();
    }

    @Test
    void jsonReportIsValidJsonWithHypothesisMetricsAndSloTable() throws Exception {
        String json = Files.readString(dir.resolve(NAME + ".json"));
        // H2 parses the text as JSON (FORMAT JSON) and rejects malformed input
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:json");
                PreparedStatement ps = c.prepareStatement("SELECT JSON_OBJECT('report': ? FORMAT JSON)")) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
        assertThat(json).contains("\"hypothesis\": \"checkout degrades <gracefully> & recovers\"",
                "\"mttrMs\": ", "\"timeToDetectMs\": ", "\"metric\": \"error rate\"", "\"status\": \"PASSED\"",
                "\"phase\": \"fault window\"", "\"faults\": [", "delay(20ms..60ms)", "\"recommendations\": [",
                "\"exclusive\": false");
        assertThat(json).containsPattern("\"scope\": \"(ReportedExample\\.checkoutDegradesGracefully-\\d+)\"[\\s\\S]*"
                + "delay\\(20ms\\.\\.60ms\\)[^\"]* scope=\\1\"");
    }

    @Test
    void markdownReportHasTheExperimentSections() throws Exception {
        String md = Files.readString(dir.resolve(NAME + ".md"));
        assertThat(md).contains("# Chaos experiment: ReportedExample.checkoutDegradesGracefully", "## Hypothesis",
                "## Method", "## Observations", "## SLOs", "## Recommendations",
                "| error rate | fault window | <= 5.0% |", "| MTTR | after fault removal, mean over episodes |",
                "- Scope: `ReportedExample.checkoutDegradesGracefully-", "faults scoped to it");
    }

    @Test
    void htmlReportIsWellFormedSelfContainedAndHasTheTimelineChart() throws Exception {
        byte[] html = Files.readAllBytes(dir.resolve(NAME + ".html"));
        String text = new String(html, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("<script", "src=\"http", "href=\"http", "@import");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html));
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("//*[local-name()='title']", doc))
                .isEqualTo("Chaos experiment: ReportedExample.checkoutDegradesGracefully");
        assertThat(xpath.evaluate("//*[local-name()='p'][1]/following::*[local-name()='p'][1]", doc))
                .isEqualTo("checkout degrades <gracefully> & recovers");
        assertThat(((NodeList) xpath.evaluate("//*[local-name()='svg']//*[local-name()='rect'][@class='fault-window']",
                doc, XPathConstants.NODESET)).getLength()).isEqualTo(1);
        assertThat(xpath.evaluate("//*[local-name()='polyline'][@class='latency']/@points", doc)).isNotBlank();
        assertThat(xpath.evaluate("//*[local-name()='li'][starts-with(., 'Scope: ')]/*[local-name()='code']", doc))
                .startsWith("ReportedExample.checkoutDegradesGracefully-");
        assertThat(xpath.evaluate("//*[local-name()='text'][@class='mttr']", doc)).startsWith("MTTR ");
        assertThat(((NodeList) xpath.evaluate("//*[local-name()='line'][@class='recovery']", doc,
                XPathConstants.NODESET)).getLength()).isEqualTo(1);
    }

    @Test
    void htmlReportRendersInHeadlessChromium() throws Exception {
        Path chromium = Paths.get("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "chromium not installed");
        Path png = dir.resolve(NAME + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1040,1400", "--screenshot=" + png,
                dir.resolve(NAME + ".html").toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
