/**
 * The chaos agent: {@link dev.chaosmonkey.agent.ChaosAgent} (premain, agentmain and the attach CLI) and the agent's
 * management interface {@link dev.chaosmonkey.agent.ChaosAgentMXBean}.
 */
package dev.chaosmonkey.agent;
