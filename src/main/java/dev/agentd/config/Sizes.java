package dev.agentd.config;

/** Sizes as people write them: 50MB, 64KB, 1GB (powers of 1024). */
public final class Sizes {
    private Sizes() {}

    public static String human(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + "MB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + "KB";
        return bytes + " bytes";
    }
}
