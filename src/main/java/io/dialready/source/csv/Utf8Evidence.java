package io.dialready.source.csv;

import io.dialready.source.InputUnreadableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the whole file says about UTF-8: how many multi-byte UTF-8 sequences it holds, how many bytes are not UTF-8,
 * and the line of the first of those. One pass over the bytes, so that the encoding is not decided by the first
 * 64 KiB: a Windows-1252 file whose first accent is at line 2,501 is Windows-1252, and a UTF-8 file with one Latin-1
 * byte in row 3 is UTF-8 with one bad row.
 *
 * @param multiByte    valid UTF-8 sequences of two to four bytes
 * @param bad          bytes (or cut sequences) that are not UTF-8
 * @param firstBadLine the physical line of the first bad byte, 0 when there is none
 */
record Utf8Evidence(long multiByte, long bad, long firstBadLine) {

    /** UTF-8 unless bytes that are not UTF-8 are at least as many as the UTF-8 sequences (a pure-ASCII file is). */
    boolean mostlyUtf8() {
        return bad == 0 || multiByte > bad;
    }

    static Utf8Evidence of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in);
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static Utf8Evidence scan(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long multi = 0;
        long bad = 0;
        long firstBad = 0;
        long line = 1;
        int need = 0;
        boolean afterCr = false;
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xFF;
                if (need > 0) {
                    if ((b & 0xC0) == 0x80) {
                        if (--need == 0) {
                            multi++;
                        }
                        continue;
                    }
                    need = 0;
                    bad++;
                    firstBad = firstBad == 0 ? line : firstBad;
                }
                if (b < 0x80) {
                    if (b == '\n' && !afterCr || b == '\r') {
                        line++;
                    }
                    afterCr = b == '\r';
                    continue;
                }
                afterCr = false;
                if (b >= 0xC2 && b <= 0xDF) {
                    need = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    need = 2;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    need = 3;
                } else {
                    bad++;
                    firstBad = firstBad == 0 ? line : firstBad;
                }
            }
        }
        if (need > 0) {
            bad++;
            firstBad = firstBad == 0 ? line : firstBad;
        }
        return new Utf8Evidence(multi, bad, firstBad);
    }
}
