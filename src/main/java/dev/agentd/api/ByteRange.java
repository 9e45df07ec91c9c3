package dev.agentd.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code Range: bytes=…} request (RFC 9110 §14.1.2): first..last inclusive. */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    /**
     * The satisfiable range of a file of {@code size} bytes; empty for a header this does not
     * handle (several ranges), which is answered with the whole file.
     *
     * @throws IllegalArgumentException when the range cannot be satisfied (416)
     */
    static Optional<ByteRange> parse(String header, long size) {
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return Optional.empty();
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) throw new IllegalArgumentException("empty suffix range");
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (first >= size || first > last) throw new IllegalArgumentException("unsatisfiable range");
        return Optional.of(new ByteRange(first, last));
    }
}
