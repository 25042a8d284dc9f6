/**
 * Spring Boot starter for chaos-monkey-jvm: {@code chaos.*} properties ({@link dev.chaosmonkey.spring.ChaosProperties}),
 * the auto-configuration ({@link dev.chaosmonkey.spring.ChaosAutoConfiguration}), chaos for Spring-managed clients
 * without the agent, the {@code chaos} actuator endpoint ({@link dev.chaosmonkey.spring.ChaosEndpoint}), health and
 * metrics. Implementation classes live in {@code dev.chaosmonkey.spring.internal}.
 */
package dev.chaosmonkey.spring;
