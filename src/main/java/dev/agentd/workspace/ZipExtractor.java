package dev.agentd.workspace;

import dev.agentd.config.Sizes;
import dev.agentd.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts an uploaded ZIP into a staging folder, refusing the whole archive (400) for entries
 * that would land outside it, symlinks, too many entries, or too many bytes — counted on what is
 * actually inflated, not on the sizes the archive declares. Names not in UTF-8 are decoded as GBK
 * when they are valid GBK, else as CP437.
 */
final class ZipExtractor {
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset CP437 = Charset.forName("IBM437");

    private final int maxEntries;
    private final long maxBytes;

    ZipExtractor(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** One extracted file: its path relative to the extraction root, and where it is staged. */
    record Extracted(String path, Path file) {}

    List<Extracted> extract(Path zip, String zipName, Path into) throws IOException {
        List<Extracted> files = new ArrayList<>();
        long inflated = 0;
        try (ZipFile archive =
                ZipFile.builder().setPath(zip).setUseUnicodeExtraFields(true).get()) {
            List<ZipArchiveEntry> entries = Collections.list(archive.getEntriesInPhysicalOrder());
            if (entries.size() > maxEntries) {
                throw reject(
                        zipName,
                        "has " + entries.size() + " entries; at most " + maxEntries
                                + " are allowed (AGENTD_ZIP_MAX_ENTRIES)");
            }
            for (ZipArchiveEntry entry : entries) {
                String name = name(entry);
                if (entry.isUnixSymlink()) throw reject(zipName, "contains a symbolic link: " + name);
                String safe = safeRelative(name);
                if (safe == null) throw reject(zipName, "has an entry that would land outside uploads/: " + name);
                if (tooLong(safe)) {
                    throw reject(
                            zipName, "has an entry with a name longer than " + WorkspacePath.MAX_NAME_BYTES + " bytes");
                }
                Path target = into.resolve(safe).normalize();
                if (!target.startsWith(into))
                    throw reject(zipName, "has an entry that would land outside uploads/: " + name);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (Files.exists(target)) throw reject(zipName, "holds the same path twice: " + name);
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(target)) {
                    inflated = copyCounting(in, out, inflated, zipName);
                }
                files.add(new Extracted(safe, target));
            }
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw reject(zipName, "is not a readable ZIP archive (" + e.getMessage() + ")");
        }
        return files;
    }

    private long copyCounting(InputStream in, OutputStream out, long total, String zipName) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw reject(zipName, "inflates to more than " + Sizes.human(maxBytes) + " (AGENTD_ZIP_MAX_BYTES)");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static boolean tooLong(String path) {
        for (String part : path.split("/")) {
            if (part.getBytes(StandardCharsets.UTF_8).length > WorkspacePath.MAX_NAME_BYTES) return true;
        }
        return false;
    }

    /** Relative, normalised, without {@code ..}, drive letters or absolute roots; null when unsafe. */
    static String safeRelative(String name) {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) return null;
        List<String> parts = new ArrayList<>();
        for (String part : n.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) return null;
            parts.add(part);
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static String name(ZipArchiveEntry entry) {
        if (entry.getGeneralPurposeBit().usesUTF8ForNames()) return entry.getName();
        byte[] raw = entry.getRawName();
        for (Charset cs : List.of(StandardCharsets.UTF_8, GBK)) {
            try {
                return cs.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw))
                        .toString();
            } catch (CharacterCodingException e) {
                // try the next encoding
            }
        }
        return new String(raw, CP437);
    }

    private static ApiException reject(String zipName, String why) {
        return ApiException.validation("The archive " + zipName + " " + why);
    }
}
