/**
 * A lending library: the Spring Boot application the benchmarks start in fresh JVMs. It stands for an ordinary
 * server-rendered Boot service of Spring PetClinic's size (MVC + Thymeleaf, JPA on H2, validation, caching,
 * actuator); it lives outside {@code dev.chaosmonkey} because the agent never weaves its own namespace.
 */
package com.example.library;
