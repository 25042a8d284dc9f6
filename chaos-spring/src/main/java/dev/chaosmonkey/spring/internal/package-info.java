/**
 * Implementation of the chaos-spring starter: wrappers and post-processors for data sources, HTTP clients, Kafka
 * producers and method rules, agent detection, the production-name rule. Not an API: names may change.
 */
package dev.chaosmonkey.spring.internal;
