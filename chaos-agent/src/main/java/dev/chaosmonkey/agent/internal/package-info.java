/** Agent implementation: instrumentations (one per library), installation, options, config watching, CLI. */
package dev.chaosmonkey.agent.internal;
