package dev.chaosmonkey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * The Spring Boot application of the boot, cds and arm parts ({@code benchmarks/boot-app}, built before this module):
 * its fat jar holds what makes it PetClinic-sized, and one launch through the parts' own {@link BootLaunch} reaches
 * the started line, serves the first page and answers the arm part's pause monitor. One JVM, no timing run.
 */
class BootAppTest {
    private static final Path JAR = Path.of(System.getProperty("boot.app.jar", "boot-app/target/boot-app.jar"));

    @Test
    void fatJarHoldsTheStackOfAPetClinicSizedApplication() throws IOException {
        assertThat(JAR).as("the boot-app module's jar (built by mvn package/verify before this module)")
                .isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Start-Class"))
                    .isEqualTo("com.example.library.LibraryApplication");
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).startsWith("org.springframework.boot.loader");
            List<String> libraries = new ArrayList<>();
            jar.stream().filter(e -> e.getName().startsWith("BOOT-INF/lib/")).forEach(e -> libraries.add(e.getName()));
            for (String library : List.of("spring-webmvc-7.", "thymeleaf-3.", "hibernate-core-7.", "h2-2.",
                    "hibernate-validator-", "caffeine-", "spring-boot-actuator-4.0.7", "tomcat-embed-core-",
                    "spring-data-jpa-4.")) {
                assertThat(libraries).as(library).anyMatch(name -> name.contains(library));
            }
            assertThat(jar.getEntry("BOOT-INF/classes/templates/members/list.html")).isNotNull();
        }
    }

    @Test
    void launchReachesStartedLineFirstPageAndPauseMonitor() throws Exception {
        List<String> args = new ArrayList<>(BootStartup.commonArgs());
        args.add("-XX:TieredStopAtLevel=1"); // a smoke test: only the start-up's wiring matters, not its speed
        args.add("-Dbench.pause-monitor=true");
        ArmPause.Window[] window = new ArmPause.Window[1];
        BootLaunch.Timing timing = BootLaunch.launch(args, JAR, (process, port) -> {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/pauses"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            window[0] = ArmPause.parseWindow(http.send(post, HttpResponse.BodyHandlers.ofString()).body());
        });
        assertThat(timing.started().application()).isEqualTo("LibraryApplication");
        assertThat(timing.firstPageMillis()).isGreaterThanOrEqualTo(timing.startedMillis());
        assertThat(timing.sharingWarning()).isFalse();
        assertThat(timing.warnings()).isEmpty();
        assertThat(window[0].failures()).isZero();
        assertThat(window[0].calls()).as("queries the monitor answered before the window was read").isPositive();
    }
}
