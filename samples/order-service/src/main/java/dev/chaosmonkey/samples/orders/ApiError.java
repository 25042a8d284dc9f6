package dev.chaosmonkey.samples.orders;

/** The body of every error response: a short {@code error} and the {@code detail} that caused it. */
public record ApiError(String error, String detail) {
}
