package io.dialready.source.xlsx;

import io.dialready.source.InputUnreadableException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * What kind of file a workbook is before POI opens it, and how a failure to read it is told: an old .xls, a
 * password-protected workbook (both OLE2 containers), text named .xlsx, a ZIP cut short and a zip bomb each get a
 * sentence saying what to do, instead of POI's exception.
 */
final class XlsxContainer {

    private static final String ZIP_BOMB = "refused: a part of the workbook";
    private static final String ZIP_BOMB_END =
            " inflates to more than 100 times its compressed size, the mark of a zip" + " bomb";
    private static final Pattern ZIP_BOMB_ENTRY = Pattern.compile("Entry: (\\S+)");

    private XlsxContainer() {}

    /**
     * Refuses what is not an XLSX workbook before POI sees it, with a message saying what it is and what to do: an old
     * .xls, a password-protected workbook (both OLE2 containers), or anything else.
     */
    static void check(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputUnreadableException(file + ": the file does not exist");
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (size == 0) {
            throw new InputUnreadableException(file + ": the file is empty");
        }
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(new BufferedInputStream(Files.newInputStream(file)))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (magic == FileMagic.OOXML) {
            if (!hasZipEnd(file, size)) {
                throw new InputUnreadableException(file + ": is cut short: its ZIP container has no end (an upload or"
                        + " copy that was interrupted?); copy the file again");
            }
            return;
        }
        if (looksLikeText(file)) {
            throw new InputUnreadableException(file + ": holds text, not an XLSX workbook (a CSV file named .xlsx?"
                    + " name it .csv or set input.format: csv)");
        }
        if (magic == FileMagic.OLE2) {
            checkOle2(file);
        }
        throw new InputUnreadableException(file + ": is not an XLSX workbook (corrupt, or another format: "
                + magic.name().toLowerCase(Locale.ROOT) + ")");
    }

    /** An OLE2 container is either an encrypted (password-protected) workbook or an old .xls: refused either way. */
    private static void checkOle2(Path file) {
        boolean encrypted;
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            encrypted =
                    fs.getRoot().hasEntry("EncryptedPackage") || fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            throw new InputUnreadableException(file + ": is a corrupt Office file (" + e.getMessage() + ")", e);
        }
        if (encrypted) {
            throw new InputUnreadableException(file + ": the workbook is password-protected; save a copy without"
                    + " a password (File > Info > Protect Workbook) and run again");
        }
        throw new InputUnreadableException(file + ": is an old Excel 97-2003 .xls workbook, which dialready does"
                + " not read; open it in Excel or LibreOffice and save it as .xlsx");
    }

    /**
     * Whether the file ends with a ZIP end-of-central-directory record (in its last 64 KiB + 22 bytes, where the ZIP
     * format puts it): without it the archive was cut short, and no part of it can be trusted.
     */
    static boolean hasZipEnd(Path file, long size) {
        int tail = (int) Math.min(size, 65_535 + 22);
        byte[] b = new byte[tail];
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(size - tail);
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the whole tail
            }
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        for (int i = tail - 22; i >= 0; i--) {
            if (b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x05 && b[i + 3] == 0x06) {
                return true;
            }
        }
        return false;
    }

    /** Whether the file's first KiBs are text (no NUL byte, hardly any other control character). */
    static boolean looksLikeText(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        } catch (IOException e) {
            return false;
        }
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
            if ((b & 0xFF) < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                control++;
            }
        }
        return head.length > 0 && control * 20 < head.length;
    }

    /**
     * The message of a failure to read the workbook; POI's zip-bomb guard ({@code ZipSecureFile}: a part inflating to
     * more than 100 times its compressed size) gets a sentence of its own instead of its advice to programmers.
     */
    static String message(Throwable e) {
        for (Throwable t = e;
                t != null;
                t = t.getCause() != null
                        ? t.getCause()
                        : t instanceof XMLStreamException x ? x.getNestedException() : null) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb detected")) {
                Matcher m = ZIP_BOMB_ENTRY.matcher(t.getMessage());
                return ZIP_BOMB + (m.find() ? " (" + m.group(1) + ")" : "") + ZIP_BOMB_END;
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Whether a {@link #message} tells of a zip bomb. */
    static boolean isZipBomb(String message) {
        return message.startsWith(ZIP_BOMB);
    }

    /** The failure as the one-line reason after the file name: a zip bomb as such, anything else as corrupt. */
    static String corrupt(Path file, Throwable e) {
        String m = message(e);
        return isZipBomb(m) ? file + ": " + m : file + ": is a corrupt XLSX workbook (" + m + ")";
    }
}
