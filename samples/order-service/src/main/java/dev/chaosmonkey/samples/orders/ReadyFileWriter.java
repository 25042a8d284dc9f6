package dev.chaosmonkey.samples.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When {@code orders.ready-file} is set, writes {@code port=<http port>} and {@code pid=<pid>} to it once the service
 * is ready (atomically: a reader never sees half a file). {@code demo.sh} starts the service on port 0 and waits for it.
 */
@Component
public class ReadyFileWriter {
    private final String readyFile;
    private volatile int port;

    /** Writes to {@code orders.ready-file} (empty: nothing is written). */
    public ReadyFileWriter(@Value("${orders.ready-file:}") String readyFile) {
        this.readyFile = readyFile;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (readyFile.isBlank()) {
            return;
        }
        Path target = Path.of(readyFile).toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".ready", ".tmp");
            Files.writeString(tmp, "port=" + port + "\npid=" + ProcessHandle.current().pid() + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ready file " + target, e);
        }
    }
}
