package com.example.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot web application for {@code ClassFileFidelityIT}: Spring MVC binds {@code @RequestParam int page}
 * by the parameter's reflected name, which a lossy retransformation takes away. Listens on 127.0.0.1, random port,
 * printed as {@code PORT <n>}.
 */
@SpringBootApplication
public class VetsApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(VetsApplication.class);
        app.setDefaultProperties(java.util.Map.of("server.port", "0", "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off"));
        ConfigurableApplicationContext context = app.run(args);
        System.out.println("PORT " + context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
    }
}
