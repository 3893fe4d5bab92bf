package io.github.vsched.cli.output;

import io.github.vsched.cli.CommandInterruptedException;
import io.github.vsched.cli.UserInputException;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output folder. Every file is written to a hidden temporary file in the folder and moved
 * over its final name only once complete (an atomic rename), so a crash or a failed run
 * leaves either the previous file or nothing, never half a file.
 *
 * <p>A command writes its outputs through a {@linkplain #held() held} view: files are written
 * whole under temporary names and all moved into place at once by {@link #publish()}, so an
 * interrupted command leaves the previous outputs or the new ones, not a mix. When the process
 * is being stopped, {@link #closeForShutdown()} lets a publication under way finish, refuses any
 * later one, and removes the temporary files.
 */
public final class OutputDir {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** Held while files are moved into place, so a shutdown never sees half a publication. */
    private static final Object MOVES = new Object();
    private static boolean closed;

    private final Path dir;
    /** Files written whole and waiting for {@link #publish()}, or null when files move at once. */
    private final List<PendingFile> held;

    private OutputDir(Path dir, List<PendingFile> held) {
        this.dir = dir;
        this.held = held;
    }

    /**
     * A view of this folder whose files (and its sub-folders' files) are written whole but
     * moved into place only by {@link #publish()}.
     */
    public OutputDir held() {
        return new OutputDir(dir, new ArrayList<>());
    }

    /**
     * Moves every held file into place, in the order they were written.
     *
     * @throws CommandInterruptedException if the process is being stopped (nothing is moved)
     */
    public void publish() {
        if (held == null) {
            return;
        }
        synchronized (MOVES) {
            if (closed) {
                discard();
                throw new CommandInterruptedException("stopped before the outputs were moved into place; no file was"
                        + " written", 0, 0);
            }
            List<PendingFile> files;
            synchronized (held) {
                files = new ArrayList<>(held);
                held.clear();
            }
            try {
                for (PendingFile f : files) {
                    f.move();
                }
            } catch (IOException e) {
                files.forEach(PendingFile::abort);
                throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Throws away every held file not yet published. */
    public void discard() {
        if (held == null) {
            return;
        }
        List<PendingFile> files;
        synchronized (held) {
            files = new ArrayList<>(held);
            held.clear();
        }
        files.forEach(PendingFile::abort);
    }

    /**
     * Called as the process stops: waits for a publication under way, refuses later ones and
     * new files, and removes every temporary file.
     */
    public static void closeForShutdown() {
        synchronized (MOVES) {
            closed = true;
        }
        for (Path p : PENDING) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: the process is exiting
            }
        }
    }

    /**
     * Creates the folder if needed and proves it can be written by creating and removing a
     * file in it, before any simulation runs.
     *
     * @throws UserInputException if it cannot be created or written
     */
    public static OutputDir prepare(Path dir) {
        if (dir.toString().isBlank()) {
            // an empty name would mean the current folder; say '.' to mean that
            throw new UserInputException("output folder '" + dir + "': the name is empty; allowed: a folder path"
                    + " ('.' for the current folder)");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UserInputException("output folder '" + dir + "' cannot be created: '" + e.getFile()
                    + "' exists and is not a folder");
        } catch (IOException | SecurityException e) {
            throw new UserInputException("output folder '" + dir + "' cannot be created: " + describe(e));
        }
        try {
            Path probe = Files.createTempFile(dir, ".vsched-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserInputException("output folder '" + dir + "' cannot be written: " + describe(e));
        }
        return new OutputDir(dir, null);
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** Writes a text file atomically. */
    public Path writeString(String name, String content) {
        return write(name, w -> w.write(content));
    }

    /** A body that writes a file's text. */
    @FunctionalInterface
    public interface Body {
        /** Writes the content. */
        void write(Writer w) throws IOException;
    }

    /** Writes a text file atomically through {@code body}. */
    public Path write(String name, Body body) {
        return writeAll(Map.of(name, body)).get(0);
    }

    /**
     * Writes several text files as a unit: each is written whole to its temporary file first,
     * and they are moved into place only once all are, so a failure while writing leaves none
     * of the new files (the previous versions stay) and no temporary file.
     *
     * @param files plain file names to the bodies that write them
     * @return the files written, in the order given
     */
    public List<Path> writeAll(Map<String, Body> files) {
        List<PendingFile> pending = new ArrayList<>();
        Path current = dir;
        try {
            for (Map.Entry<String, Body> e : files.entrySet()) {
                current = dir.resolve(e.getKey());
                PendingFile f = open(e.getKey());
                pending.add(f);
                e.getValue().write(f.writer());
                f.complete();
            }
            List<Path> written = new ArrayList<>();
            for (PendingFile f : pending) {
                current = f.target();
                written.add(f.commit());
            }
            return written;
        } catch (IOException e) {
            pending.forEach(PendingFile::abort);
            throw new UncheckedIOException("cannot write " + current + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            pending.forEach(PendingFile::abort);
            throw e;
        }
    }

    /** A sub-folder (a plain name), created if needed, whose files are written in the same way. */
    public OutputDir folder(String name) {
        Path sub = dir.resolve(plainName(name));
        try {
            Files.createDirectories(sub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + sub + ": " + describe(e), e);
        }
        return new OutputDir(sub, held);
    }

    /** Starts a file that is written over time (a trace); commit or abort it. */
    public PendingFile open(String name) {
        plainName(name);
        synchronized (MOVES) {
            if (closed) {
                throw new CommandInterruptedException("stopped; no new file is started", 0, 0);
            }
        }
        try {
            // a new file with the default permissions (createTempFile would make it private)
            for (int attempt = 0; ; attempt++) {
                Path tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
                try {
                    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                    PENDING.add(tmp);
                    return new PendingFile(dir.resolve(name), tmp, ch, held);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 10) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A file being written to a temporary name, as text ({@link #writer()}) or bytes ({@link #stream()}). */
    public static final class PendingFile {
        private final Path target;
        private final Path tmp;
        private final FileChannel channel;
        private final Writer writer;
        private OutputStream stream;
        private final List<PendingFile> held;
        private boolean complete;
        /** Handed to the held folder, to be moved by {@link #publish()}. */
        private boolean queued;
        /** Moved into place or thrown away. */
        private boolean done;

        PendingFile(Path target, Path tmp, FileChannel channel, List<PendingFile> held) {
            this.target = target;
            this.tmp = tmp;
            this.channel = channel;
            this.held = held;
            OutputStream out = Channels.newOutputStream(channel);
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        /** Where text content goes (UTF-8); buffered. */
        public Writer writer() {
            return writer;
        }

        /** Where binary content goes; buffered. A file is written through this or {@link #writer()}, not both. */
        public OutputStream stream() {
            if (stream == null) {
                stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            }
            return stream;
        }

        /** The final path. */
        public Path target() {
            return target;
        }

        /** Flushes, syncs and closes the file, still under its temporary name. */
        void complete() throws IOException {
            if (!complete) {
                writer.flush();
                if (stream != null) {
                    stream.flush();
                }
                channel.force(true);
                if (stream != null) {
                    stream.close();
                }
                writer.close();
                complete = true;
            }
        }

        /**
         * Flushes, syncs and moves the file into place; in a {@linkplain #held() held} folder,
         * only flushes and syncs it, and {@link #publish()} moves it.
         *
         * @return the final path
         */
        public Path commit() throws IOException {
            if (done || queued) {
                throw new IllegalStateException(target + " is already committed or aborted");
            }
            if (held != null) {
                queued = true;
                try {
                    complete();
                } catch (IOException e) {
                    abort();
                    throw e;
                }
                synchronized (held) {
                    held.add(this);
                }
                return target;
            }
            synchronized (MOVES) {
                if (closed) {
                    abort();
                    throw new CommandInterruptedException("stopped before " + target.getFileName() + " was moved into"
                            + " place", 0, 0);
                }
                move();
            }
            return target;
        }

        /** Moves the completed file into place, unless it was thrown away. */
        void move() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                complete();
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            } finally {
                PENDING.remove(tmp);
            }
        }

        /** Throws the content away. */
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (stream != null) {
                    stream.close();
                }
                writer.close();
            } catch (IOException e) {
                // the file is deleted anyway
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // left for the shutdown hook
                return;
            }
            PENDING.remove(tmp);
        }
    }

    private static String plainName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return name;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return (m == null ? "" : m + " ") + "(" + kind + ")";
    }
}
