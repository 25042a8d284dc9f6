package dev.chaosmonkey.spring.internal;

/** Marker interface of the proxies the starter creates, so that a bean is never wrapped twice. */
public interface ChaosWrapped {
}
