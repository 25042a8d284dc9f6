package dev.chaosmonkey.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The addresses a process's listening TCP sockets are bound to, read from {@code /proc} (Linux). */
final class ListeningSockets {
    private ListeningSockets() {
    }

    /** One bound address per listening socket of {@code pid}: {@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::}... */
    static List<String> of(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (Exception e) {
                    // the descriptor closed meanwhile
                }
            }
        }
        List<String> bound = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            Path file = Path.of("/proc/" + pid + "/net/" + table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    bound.add(address(f[1].substring(0, f[1].indexOf(':'))));
                }
            }
        }
        return bound;
    }

    private static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
        }
        if (hex.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        if (hex.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return address(hex.substring(24)) + " (v4-mapped)";
        }
        return hex;
    }
}
