package com.example.library.bench;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /bench/pauses}: the pause monitor's window since the previous call (JSON), and a new window. */
@RestController
@ConditionalOnBooleanProperty("bench.pause-monitor")
class PauseController {
    private final PauseMonitor monitor;

    PauseController(PauseMonitor monitor) {
        this.monitor = monitor;
    }

    @PostMapping("/bench/pauses")
    PauseMonitor.Window window() {
        return monitor.takeWindow();
    }
}
