package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the nested bootstrap jar is written: a private directory {@code <tmp>/chaos-agent-<user>} (mode 0700, owned
 * by this user; another user's or a too-open directory is never used), one file per JVM named
 * {@code chaos-bootstrap-<pid>-<random>.jar} (mode 0600), deleted at exit. Files left behind by JVMs that were
 * killed are deleted when the next agent starts: a file whose pid is no longer alive is stale. Uses only JDK
 * classes (it runs before chaos-core is on the bootstrap class path).
 */
final class BootstrapJarFile {
    static final String PREFIX = "chaos-bootstrap-";
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private BootstrapJarFile() {
    }

    /** A new, empty, private file for this JVM's bootstrap jar. */
    static Path create() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
        long pid = ProcessHandle.current().pid();
        if (!posix) {
            Path jar = Files.createTempFile(PREFIX + pid + "-", ".jar");
            jar.toFile().deleteOnExit();
            return jar;
        }
        Path dir = privateDirectory(tmp);
        removeStale(dir);
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(PRIVATE_FILE);
        Path jar = newFile(dir, PREFIX + pid + "-", ".jar", mode);
        jar.toFile().deleteOnExit();
        return jar;
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new file {@code prefix<n>suffix} in {@code dir}, created exclusively (never an existing file or link). Not
     * {@code Files.createTempFile}: its random names come from a {@code SecureRandom}, whose set-up (security
     * providers, seeding) is most of the agent's 20 ms of file handling in premain, and the names need no secrecy:
     * the directory is private, or world-writable {@code /tmp} for the owner probe, where exclusive creation already
     * defeats a planted file or link. A name taken by someone else is skipped; after 16 tries the JDK's way is used.
     */
    private static Path newFile(Path dir, String prefix, String suffix, FileAttribute<?> mode) throws IOException {
        for (int i = 0; i < 16; i++) {
            long n = System.nanoTime() ^ (COUNTER.incrementAndGet() << 40);
            try {
                return Files.createFile(dir.resolve(prefix + Long.toHexString(n) + suffix), mode);
            } catch (FileAlreadyExistsException taken) {
                // planted or a coincidence: next name
            }
        }
        return Files.createTempFile(dir, prefix, suffix, mode);
    }

    /** {@code <tmp>/chaos-agent-<user>}, created 0700, or a fresh private directory if that one is not ours. */
    static Path privateDirectory(Path tmp) throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = tmp.resolve("chaos-agent-" + user);
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(PRIVATE_DIR);
        try {
            Files.createDirectory(dir, mode);
            // the umask may have narrowed the mode further, never widened it; set it exactly
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
            return dir;
        } catch (FileAlreadyExistsException e) {
            if (isPrivate(dir)) {
                return dir;
            }
            System.err.println("[chaos-agent] WARNING " + dir + " is not a private directory of this user (mode 0700,"
                    + " not a link); using a new private temporary directory instead");
            Path fresh = Files.createTempDirectory(tmp, "chaos-agent-", mode);
            fresh.toFile().deleteOnExit();
            return fresh;
        }
    }

    private static boolean isPrivate(Path dir) {
        try {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(currentOwner(dir))
                    && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE_DIR);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The owner name of files this process creates (read from a probe file, since user.name can be wrong). */
    private static String currentOwner(Path dir) throws IOException {
        Path probe = newFile(dir.getParent(), "chaos-agent-owner-" + ProcessHandle.current().pid() + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try {
            return Files.getOwner(probe).getName();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Deletes bootstrap jars of JVMs that are gone (killed JVMs never ran their exit hooks). */
    static int removeStale(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*.jar")) {
            for (Path f : files) {
                long pid = pidOf(f.getFileName().toString());
                if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    try {
                        Files.deleteIfExists(f);
                        removed++;
                    } catch (IOException e) {
                        // another agent removed it first, or it is not ours to remove
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is best effort; it must not keep the agent from starting
        }
        return removed;
    }

    /** The pid in {@code chaos-bootstrap-<pid>-<random>.jar}, or -1. */
    static long pidOf(String name) {
        int start = PREFIX.length();
        int end = name.indexOf('-', start);
        if (end <= start) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(start, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
