package com.example.library;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/** Entry point. The benchmarks time launch to the {@code Started LibraryApplication in} line and the first page. */
@SpringBootApplication
@EnableCaching
public class LibraryApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args);
    }
}
