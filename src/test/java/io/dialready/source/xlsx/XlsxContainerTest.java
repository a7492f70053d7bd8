package io.dialready.source.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.source.InputUnreadableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a workbook file is before POI opens it, and how failures to read one are told. */
class XlsxContainerTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The four bytes of a ZIP end-of-central-directory record, then its 18 other bytes. */
    private static byte[] zipEnd() {
        byte[] end = new byte[22];
        end[0] = 0x50;
        end[1] = 0x4B;
        end[2] = 0x05;
        end[3] = 0x06;
        return end;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void missingEmptyAndUnknownFilesAreNamed() throws Exception {
        Path missing = dir.resolve("missing.xlsx");
        assertThatThrownBy(() -> XlsxContainer.check(missing))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessage(missing + ": the file does not exist");
        Path empty = write("empty.xlsx", new byte[0]);
        assertThatThrownBy(() -> XlsxContainer.check(empty))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessage(empty + ": the file is empty");
        byte[] pdf = concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), new byte[64]);
        Path other = write("report.xlsx", pdf);
        assertThatThrownBy(() -> XlsxContainer.check(other))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessage(other + ": is not an XLSX workbook (corrupt, or another format: pdf)");
    }

    @Test
    void aCorruptOfficeFileIsToldApartFromAnOldXls() throws Exception {
        // the OLE2 signature (D0 CF 11 E0 A1 B1 1A E1), then no valid header
        byte[] signature = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        byte[] ole2 = concat(signature, new byte[600]);
        Path corrupt = write("corrupt.xlsx", ole2);
        assertThatThrownBy(() -> XlsxContainer.check(corrupt))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageStartingWith(corrupt + ": is a corrupt Office file (");
    }

    @Test
    void aZipWithItsEndIsAccepted() throws Exception {
        byte[] zip = concat(concat(new byte[] {0x50, 0x4B, 0x03, 0x04}, new byte[100]), zipEnd());
        Path ok = write("ok.xlsx", zip);
        XlsxContainer.check(ok);
        assertThat(XlsxContainer.hasZipEnd(ok, zip.length)).isTrue();
        Path cut = write("cut.xlsx", Arrays.copyOf(zip, zip.length - 1));
        assertThat(XlsxContainer.hasZipEnd(cut, zip.length - 1)).isFalse();
        Path onlyEnd = write("end.zip", zipEnd());
        assertThat(XlsxContainer.hasZipEnd(onlyEnd, 22))
                .as("the record alone, at offset 0")
                .isTrue();
        byte[] far = concat(zipEnd(), new byte[70_000]);
        Path tooFar = write("far.zip", far);
        assertThat(XlsxContainer.hasZipEnd(tooFar, far.length))
                .as("more than 64 KiB before the end is not where ZIP puts it")
                .isFalse();
    }

    @Test
    void textIsHardlyAnyControlCharacterAndNoNul() throws Exception {
        assertThat(XlsxContainer.looksLikeText(
                        write("a.csv", "CONTRATO;VALOR\r\n1;\t2\n".getBytes(StandardCharsets.US_ASCII))))
                .isTrue();
        assertThat(XlsxContainer.looksLikeText(write("b.bin", "CONTRATO\0VALOR".getBytes(StandardCharsets.US_ASCII))))
                .isFalse();
        byte[] accents = "JOSÉ;SÃO PAULO;".repeat(20).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(XlsxContainer.looksLikeText(write("c.csv", accents)))
                .as("bytes above 0x7F are text")
                .isTrue();
        // one control character in 20 is too many; one in 21 is not
        assertThat(XlsxContainer.looksLikeText(write("d.bin", controls(20)))).isFalse();
        assertThat(XlsxContainer.looksLikeText(write("e.bin", controls(21)))).isTrue();
        assertThat(XlsxContainer.looksLikeText(write("f.bin", new byte[0]))).isFalse();
        assertThat(XlsxContainer.looksLikeText(dir.resolve("missing"))).isFalse();
    }

    /** 200 bytes of 'a' with a control character (0x01) every {@code every} bytes. */
    private static byte[] controls(int every) {
        byte[] b = new byte[every * 10];
        Arrays.fill(b, (byte) 'a');
        for (int i = 0; i < b.length; i += every) {
            b[i] = 1;
        }
        return b;
    }

    @Test
    void aZipBombIsToldAsSuchWhereverPoiPutsIt() {
        String poi = "Zip bomb detected! The file would exceed the max. ratio of compressed file size to the size of"
                + " the expanded data. Entry: xl/worksheets/sheet1.xml";
        String told = "refused: a part of the workbook (xl/worksheets/sheet1.xml) inflates to more than 100 times its"
                + " compressed size, the mark of a zip bomb";
        assertThat(XlsxContainer.message(new IllegalStateException(poi))).isEqualTo(told);
        assertThat(XlsxContainer.message(new RuntimeException("wrapped", new IOException(poi))))
                .isEqualTo(told);
        assertThat(XlsxContainer.message(new XMLStreamException("parse", new IOException(poi))))
                .as("StAX keeps its cause apart")
                .isEqualTo(told);
        assertThat(XlsxContainer.message(new IOException("Zip bomb detected!")))
                .isEqualTo("refused: a part of the workbook inflates to more than 100 times its compressed size, the"
                        + " mark of a zip bomb");
        Path file = Path.of("carteira.xlsx");
        assertThat(XlsxContainer.corrupt(file, new IOException(poi))).isEqualTo("carteira.xlsx: " + told);
        assertThat(XlsxContainer.isZipBomb(told)).isTrue();
        assertThat(XlsxContainer.isZipBomb("is a corrupt XLSX workbook")).isFalse();
    }

    @Test
    void otherFailuresAreACorruptWorkbookWithTheirMessage() {
        Path file = Path.of("carteira.xlsx");
        assertThat(XlsxContainer.corrupt(file, new IOException("Truncated ZIP file")))
                .isEqualTo("carteira.xlsx: is a corrupt XLSX workbook (Truncated ZIP file)");
        assertThat(XlsxContainer.message(new IllegalArgumentException((String) null)))
                .as("no message: the exception's name")
                .isEqualTo("IllegalArgumentException");
        assertThat(XlsxContainer.message(new RuntimeException("outer", new IOException("inner"))))
                .as("the outer message, when no zip bomb is in the chain")
                .isEqualTo("outer");
    }
}
