package dev.agentd.workspace;

import java.util.Locale;
import java.util.Map;

/** Mime types and the artifact categories of task-api.md §3.8, by file extension. */
public final class FileTypes {
    private record Type(String mime, String category) {}

    private static final Map<String, Type> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", new Type("image/png", "image")),
            Map.entry("jpg", new Type("image/jpeg", "image")),
            Map.entry("jpeg", new Type("image/jpeg", "image")),
            Map.entry("gif", new Type("image/gif", "image")),
            Map.entry("webp", new Type("image/webp", "image")),
            Map.entry("svg", new Type("image/svg+xml", "image")),
            Map.entry("bmp", new Type("image/bmp", "image")),
            Map.entry("ico", new Type("image/x-icon", "image")),
            Map.entry("pdf", new Type("application/pdf", "pdf")),
            Map.entry("csv", new Type("text/csv", "csv")),
            Map.entry("tsv", new Type("text/tab-separated-values", "csv")),
            Map.entry(
                    "xlsx",
                    new Type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet")),
            Map.entry("xls", new Type("application/vnd.ms-excel", "spreadsheet")),
            Map.entry("ods", new Type("application/vnd.oasis.opendocument.spreadsheet", "spreadsheet")),
            Map.entry(
                    "docx",
                    new Type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document")),
            Map.entry("doc", new Type("application/msword", "document")),
            Map.entry("odt", new Type("application/vnd.oasis.opendocument.text", "document")),
            Map.entry(
                    "pptx",
                    new Type("application/vnd.openxmlformats-officedocument.presentationml.presentation", "document")),
            Map.entry("rtf", new Type("application/rtf", "document")),
            Map.entry("md", new Type("text/markdown", "text")),
            Map.entry("txt", new Type("text/plain", "text")),
            Map.entry("log", new Type("text/plain", "text")),
            Map.entry("html", new Type("text/html", "code")),
            Map.entry("css", new Type("text/css", "code")),
            Map.entry("js", new Type("text/javascript", "code")),
            Map.entry("mjs", new Type("text/javascript", "code")),
            Map.entry("ts", new Type("text/plain", "code")),
            Map.entry("py", new Type("text/x-python", "code")),
            Map.entry("java", new Type("text/x-java", "code")),
            Map.entry("go", new Type("text/plain", "code")),
            Map.entry("rs", new Type("text/plain", "code")),
            Map.entry("c", new Type("text/x-c", "code")),
            Map.entry("h", new Type("text/x-c", "code")),
            Map.entry("cpp", new Type("text/x-c++", "code")),
            Map.entry("sh", new Type("application/x-sh", "code")),
            Map.entry("rb", new Type("text/plain", "code")),
            Map.entry("php", new Type("text/plain", "code")),
            Map.entry("sql", new Type("application/sql", "code")),
            Map.entry("kt", new Type("text/plain", "code")),
            Map.entry("json", new Type("application/json", "data")),
            Map.entry("xml", new Type("application/xml", "data")),
            Map.entry("yaml", new Type("application/yaml", "data")),
            Map.entry("yml", new Type("application/yaml", "data")),
            Map.entry("toml", new Type("application/toml", "data")),
            Map.entry("parquet", new Type("application/octet-stream", "data")),
            Map.entry("jsonl", new Type("application/jsonl", "data")),
            Map.entry("sqlite", new Type("application/vnd.sqlite3", "data")),
            Map.entry("zip", new Type("application/zip", "archive")),
            Map.entry("gz", new Type("application/gzip", "archive")),
            Map.entry("tgz", new Type("application/gzip", "archive")),
            Map.entry("tar", new Type("application/x-tar", "archive")),
            Map.entry("7z", new Type("application/x-7z-compressed", "archive")),
            Map.entry("rar", new Type("application/vnd.rar", "archive")));
    private static final Type OTHER = new Type("application/octet-stream", "other");

    private FileTypes() {}

    private static Type of(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) return OTHER;
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OTHER);
    }

    public static String mimeType(String name) {
        return of(name).mime();
    }

    public static String category(String name) {
        return of(name).category();
    }
}
