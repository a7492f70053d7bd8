package io.dialready.source.csv;

import io.dialready.source.InputUnreadableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Works out a CSV file's encoding and delimiter from its first 64 KiB when the spec leaves them to "auto", and refuses
 * files that are not text at all, so that the run stops with one clear message instead of a page of garbage rejects.
 * <p>
 * Encoding: a UTF-8 BOM means UTF-8; a UTF-16 BOM means UTF-16 (Excel's "Unicode text"); a zero byte in every other
 * position (and nowhere else) means UTF-16 without its BOM; otherwise the whole file is weighed ({@link Utf8Evidence}):
 * UTF-8 when its UTF-8 sequences outnumber the bytes that are not UTF-8 (those few are bad rows, rejected by the
 * reader), else Windows-1252, the usual encoding of Brazilian exports. A file whose first accent comes after the first
 * 64 KiB is weighed like any other.
 * Delimiter: of ';' ',' tab and '|', the one found most often outside quotes on the first non-blank line.
 */
public final class CsvFormatDetector {

    static final int SAMPLE_BYTES = 64 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char[] CANDIDATES = {';', ',', '\t', '|'};

    public CsvFormat detect(Path file, String encoding, Character delimiter) {
        byte[] sample = sample(file);
        if (sample.length == 0) {
            throw new InputUnreadableException(file + ": the file is empty");
        }
        int bom = 0;
        Charset charset;
        boolean encodingDetected = encoding == null;
        if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
            charset = StandardCharsets.UTF_8;
        } else if (startsWith(sample, 0xFF, 0xFE)) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (startsWith(sample, 0xFE, 0xFF)) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else {
            if (startsWith(sample, 'P', 'K', 3, 4)) {
                throw new InputUnreadableException(
                        file + ": this is a ZIP/XLSX file, not CSV (name it .xlsx or set" + " input.format: xlsx)");
            }
            if (startsWith(sample, 0xD0, 0xCF, 0x11, 0xE0)) {
                throw new InputUnreadableException(file + ": this is an old Excel .xls file, not CSV (save it as"
                        + " .xlsx in Excel or LibreOffice)");
            }
            Charset declared = encoding == null ? null : Charset.forName(encoding);
            boolean wide = declared != null && declared.name().startsWith("UTF-16")
                    || declared != null && declared.name().startsWith("UTF-32");
            Charset utf16 = declared == null ? utf16WithoutBom(sample) : null;
            if (!wide && utf16 == null) {
                for (byte b : sample) {
                    if (b == 0) {
                        throw new InputUnreadableException(
                                file + ": this is a binary file, not CSV text (it contains" + " NUL bytes)");
                    }
                }
            }
            if (declared != null) {
                charset = declared;
                if (declared.equals(StandardCharsets.UTF_8)) {
                    Utf8Evidence evidence = Utf8Evidence.of(file);
                    if (!evidence.mostlyUtf8()) {
                        throw new InputUnreadableException(file + ": has bytes that are not valid UTF-8 at line "
                                + evidence.firstBadLine() + " (set input.encoding, e.g. windows-1252)");
                    }
                }
            } else if (utf16 != null) {
                charset = utf16; // Excel's "Unicode text" and some exports, without the byte-order mark
            } else {
                charset = Utf8Evidence.of(file).mostlyUtf8() ? StandardCharsets.UTF_8 : WINDOWS_1252;
            }
        }
        if (encoding != null
                && bom > 0
                && !Charset.forName(encoding).equals(charset)
                && !(charset.equals(StandardCharsets.UTF_8)
                        && encoding.toUpperCase().startsWith("UTF-8"))) {
            // a BOM is stronger evidence than a spec written for last month's export
            encodingDetected = true;
        }
        String text = new String(sample, bom, sample.length - bom, charset);
        if (text.isBlank()) {
            throw new InputUnreadableException(file + ": the file holds only blank lines");
        }
        // Excel writes "sep=;" as the first line of a CSV saved for another locale, and honours it when opening
        java.util.regex.Matcher sepLine =
                java.util.regex.Pattern.compile("(?i)\\Asep=(.)\\r?\\n").matcher(text);
        if (sepLine.lookingAt()) {
            char named = sepLine.group(1).charAt(0);
            return new CsvFormat(
                    charset, bom, delimiter != null ? delimiter : named, encodingDetected, delimiter == null, true);
        }
        char sep = delimiter != null ? delimiter : detectDelimiter(text);
        return new CsvFormat(charset, bom, sep, encodingDetected, delimiter == null);
    }

    /**
     * UTF-16 text without a byte-order mark: Latin text has a zero byte in every other position (the high byte of
     * each character), on the odd positions for little endian and the even ones for big endian, and hardly anywhere
     * else. Null when the sample does not look like that.
     */
    static Charset utf16WithoutBom(byte[] sample) {
        int pairs = sample.length / 2;
        if (pairs < 4) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i + 1 < sample.length; i += 2) {
            if (sample[i] == 0) {
                zeroEven++;
            }
            if (sample[i + 1] == 0) {
                zeroOdd++;
            }
        }
        if (zeroOdd >= pairs * 0.9 && zeroEven == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven >= pairs * 0.9 && zeroOdd == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static byte[] sample(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputUnreadableException(file + ": is a folder, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        } catch (NoSuchFileException e) {
            throw new InputUnreadableException(file + ": file not found");
        } catch (AccessDeniedException e) {
            throw new InputUnreadableException(file + ": permission denied");
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static char detectDelimiter(String text) {
        String firstLine = null;
        for (String line : text.split("\r\n|\n|\r", 50)) {
            if (!line.isBlank()) {
                firstLine = line;
                break;
            }
        }
        if (firstLine == null) {
            return ',';
        }
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 1; // ',' when the header has a single column
        for (int k = 0; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    /** For the decoding errors met later in the file, past the sample. */
    static String describe(CharacterCodingException e, Charset charset) {
        return "bytes that are not valid " + charset.name();
    }
}
