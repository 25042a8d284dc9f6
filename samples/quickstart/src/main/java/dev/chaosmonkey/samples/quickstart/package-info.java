/**
 * The quickstart demo (not API): an order flow over H2, the JDK {@code HttpClient} against an embedded WireMock,
 * a Kafka producer against an in-process broker and a custom point, run under the chaos agent by
 * {@code ./demo.sh}.
 */
package dev.chaosmonkey.samples.quickstart;
