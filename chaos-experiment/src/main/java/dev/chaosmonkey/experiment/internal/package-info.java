/** Implementation of the experiment engine: YAML reading, probe kinds, JSON, report rendering. Not an API. */
package dev.chaosmonkey.experiment.internal;
