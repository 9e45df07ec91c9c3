package dev.agentd.workspace;

import dev.agentd.config.Sizes;
import dev.agentd.errors.ApiException;
import dev.agentd.metrics.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Uploaded files (task-api.md §8) in two steps: {@link #stage} streams every file to a private
 * staging folder and extracts ZIPs there, rejecting the whole request on any problem; only then
 * does {@link Staged#commitTo} move them into the workspace's uploads/, never overwriting.
 */
public final class Uploads {
    private final Path staging;
    private final ZipExtractor zips;
    private final Metrics metrics;
    private final Quota quota;

    public Uploads(Path staging, int zipMaxEntries, long zipMaxBytes, Quota quota, Metrics metrics) {
        this.metrics = metrics;
        this.staging = staging;
        this.zips = new ZipExtractor(zipMaxEntries, zipMaxBytes);
        this.quota = quota;
    }

    /** Files staged for one request; close to discard what was not committed. */
    public final class Staged implements AutoCloseable {
        private final Path dir;
        private final List<ZipExtractor.Extracted> files;

        private Staged(Path dir, List<ZipExtractor.Extracted> files) {
            this.dir = dir;
            this.files = files;
        }

        /**
         * Moves the files into the workspace's uploads/, a taken name getting a numbered suffix; on a
         * failure the files already moved are taken out again.
         *
         * @throws ApiException 413 when they do not fit in the workspace quota, 409 when a command made
         *     a folder of uploads/ something that is not a folder
         */
        public List<AttachedFile> commitTo(Workspace workspace) {
            if (files.isEmpty()) return List.of();
            long bytes = files.stream().mapToLong(f -> size(f.file())).sum();
            if (!quota.fits(workspace, bytes)) {
                throw ApiException.tooLarge("The files do not fit in the workspace quota of "
                        + Sizes.human(quota.limit()) + " (AGENTD_WORKSPACE_QUOTA)");
            }
            List<AttachedFile> attached = new ArrayList<>();
            try {
                for (ZipExtractor.Extracted f : files) {
                    List<String> folder = new ArrayList<>(WorkspacePath.segments("uploads/" + f.path()));
                    folder.removeLast();
                    String path =
                            workspace.moveIn(folder, f.file().getFileName().toString(), f.file());
                    attached.add(new AttachedFile(path.substring(path.lastIndexOf('/') + 1), path));
                }
            } catch (IOException e) {
                for (AttachedFile done : attached) workspace.removeQuietly(done.path());
                if (e instanceof FileSystemException refused) {
                    throw ApiException.invalidState("The upload cannot be stored: " + refused.getFile() + " "
                            + refused.getReason() + " (a command in this workspace changed its uploads/ folder)");
                }
                throw new UncheckedIOException(e);
            }
            return attached;
        }

        @Override
        public void close() {
            if (dir != null) deleteTree(dir);
        }
    }

    /**
     * Streams {@code uploads} into staging, extracting ZIPs.
     *
     * @throws ApiException 400 for a rejected archive; nothing is left behind
     */
    public Staged stage(List<Upload> uploads) {
        if (uploads == null || uploads.isEmpty()) return new Staged(null, List.of());
        Path dir = staging.resolve("upload-" + UUID.randomUUID());
        List<ZipExtractor.Extracted> files = new ArrayList<>();
        int extracted = 0;
        try {
            for (int i = 0; i < uploads.size(); i++) {
                Upload upload = uploads.get(i);
                String name = FileNames.lastSegment(upload.filename());
                if (name.getBytes(StandardCharsets.UTF_8).length > WorkspacePath.MAX_NAME_BYTES) {
                    throw ApiException.validation("The file name '" + name.substring(0, 40) + "…' is longer than "
                            + WorkspacePath.MAX_NAME_BYTES + " bytes");
                }
                Path slot = Files.createDirectories(dir.resolve(String.valueOf(i)));
                Path copy = slot.resolve(name);
                upload.content().saveTo(copy.toAbsolutePath());
                if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    Path into = Files.createDirectories(slot.resolve("x"));
                    List<ZipExtractor.Extracted> entries = zips.extract(copy, name, into);
                    files.addAll(entries);
                    extracted += entries.size();
                    Files.delete(copy);
                } else {
                    files.add(new ZipExtractor.Extracted(name, copy));
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
        metrics.uploaded(files.size(), extracted);
        return new Staged(dir, files);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything in it, as far as it can. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: staging is private and swept at start-up
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
