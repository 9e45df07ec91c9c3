package dev.agentd.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds ZIP archives byte by byte for upload tests, including hostile ones. */
public final class Zips {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private String encoding = "UTF-8";

    public static Zips of() {
        return new Zips();
    }

    public Zips file(String name, String content) {
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Zips file(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    public Zips symlink(String name, String target) {
        links.put(name, target);
        return this;
    }

    /** Names written in this encoding without the UTF-8 flag, as old Windows tools do. */
    public Zips encoding(String charset) {
        this.encoding = charset;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding(encoding);
            zip.setUseLanguageEncodingFlag(encoding.equals("UTF-8"));
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (var e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
            for (var l : links.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(l.getKey());
                entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                zip.putArchiveEntry(entry);
                zip.write(l.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The archive with every entry's declared uncompressed size rewritten to {@code declared}, in the
     * local headers and the central directory: a bomb that lies about its size.
     */
    public byte[] lyingAboutSize(long declared) {
        byte[] b = bytes();
        for (int i = 0; i + 30 < b.length; i++) {
            if (sig(b, i, 0x04034b50)) putInt(b, i + 22, declared);
            if (sig(b, i, 0x02014b50)) putInt(b, i + 24, declared);
        }
        return b;
    }

    private static boolean sig(byte[] b, int i, int sig) {
        return (b[i] & 0xff) == (sig & 0xff)
                && (b[i + 1] & 0xff) == ((sig >> 8) & 0xff)
                && (b[i + 2] & 0xff) == ((sig >> 16) & 0xff)
                && (b[i + 3] & 0xff) == ((sig >> 24) & 0xff);
    }

    private static void putInt(byte[] b, int at, long v) {
        for (int k = 0; k < 4; k++) b[at + k] = (byte) (v >> (8 * k));
    }
}
