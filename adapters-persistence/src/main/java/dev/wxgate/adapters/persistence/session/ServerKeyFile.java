package dev.wxgate.adapters.persistence.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file that keeps the embedded default's server key, so its sessions stay readable across restarts without
 * configuration: created with a new random key, readable by its owner only, when it does not exist.
 */
final class ServerKeyFile {
    private ServerKeyFile() {}

    /** The key text kept in {@code keyFile}, base64 as configured; creates the file first if need be. */
    static String readOrCreate(Path keyFile) {
        try {
            if (Files.notExists(keyFile)) {
                Path parent = keyFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createFile(keyFile, ownerOnly(keyFile));
                    Files.writeString(keyFile, ServerKeyRing.generate() + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    // Its key is as good as ours; read it below.
                }
            }
            return Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException failed) {
            throw new UncheckedIOException("could not read or create the session server key file " + keyFile, failed);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.toAbsolutePath()
                .getFileSystem()
                .supportedFileAttributeViews()
                .contains("posix");
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }
}
