package io.dialready.output.files;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished CSV output into an XLSX workbook with POI's streaming SXSSF writer (a window of rows in memory, the
 * rest flushed to a compressed temporary file), so a million rows take little heap. The header row is bold and frozen;
 * every cell is text with the "@" format (phone numbers stay digits, Excel does not turn them into 1.19877E+10 or drop
 * a leading zero), except the whole-number columns named as numeric (rank, priority). A sheet holds at most
 * 1,048,576 rows, header included: longer outputs continue in sheets "name (2)", "name (3)"..., each with the header.
 * <p>
 * Written from the CSV parts rather than chunk by chunk because an XLSX file cannot be appended to: the CSV parts are
 * what makes the run restartable, and the conversion is repeated whole if the finish step is interrupted.
 */
public final class XlsxOutput {

    /** Excel's limit of rows per sheet (header included). */
    public static final int EXCEL_MAX_ROWS = 1_048_576;

    private static final int EXCEL_MAX_CELL_CHARS = 32_767;

    private static final Logger log = LoggerFactory.getLogger(XlsxOutput.class);

    private final int maxRowsPerSheet;

    public XlsxOutput() {
        this(EXCEL_MAX_ROWS);
    }

    /** With a smaller sheet limit, for tests of the splitting. */
    public XlsxOutput(int maxRowsPerSheet) {
        if (maxRowsPerSheet < 2) {
            throw new IllegalArgumentException("a sheet needs room for the header and a row");
        }
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    /**
     * Converts {@code csv} (with its header line) into the workbook {@code target}, replacing it.
     *
     * @param numericColumns header names whose whole-number values are written as numbers
     * @return the number of data rows written
     */
    public long convert(
            Path csv, Charset encoding, char delimiter, Path target, String sheetName, Set<String> numericColumns) {
        long start = System.nanoTime();
        SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, Boolean.getBoolean("dialready.xlsx.compress-temp"), false);
        try (Reader in = Files.newBufferedReader(csv, encoding);
                CSVReader reader = new CSVReaderBuilder(in)
                        .withCSVParser(new RFC4180ParserBuilder()
                                .withSeparator(delimiter)
                                .build())
                        .build()) {
            short textFormat = wb.createDataFormat().getFormat("@");
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(textFormat);
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            bold.setDataFormat(textFormat);

            String[] header = reader.readNext();
            if (header == null) {
                throw new IllegalStateException(csv + " has no header line");
            }
            boolean[] numeric = new boolean[header.length];
            for (int i = 0; i < header.length; i++) {
                numeric[i] = numericColumns.contains(header[i]);
            }
            int sheets = 1;
            SXSSFSheet sheet = newSheet(wb, sheetName, header, bold);
            int rowInSheet = 1;
            long rows = 0;
            String[] fields;
            while ((fields = reader.readNext()) != null) {
                if (rowInSheet == maxRowsPerSheet) {
                    sheets++;
                    sheet = newSheet(wb, sheetName + " (" + sheets + ")", header, bold);
                    rowInSheet = 1;
                }
                SXSSFRow row = sheet.createRow(rowInSheet++);
                for (int i = 0; i < fields.length; i++) {
                    String v = fields[i];
                    if (v == null || v.isEmpty()) {
                        continue;
                    }
                    SXSSFCell cell = row.createCell(i);
                    if (i < numeric.length && numeric[i] && isWholeNumber(v)) {
                        cell.setCellValue(Long.parseLong(v));
                    } else {
                        cell.setCellStyle(text);
                        cell.setCellValue(v.length() > EXCEL_MAX_CELL_CHARS ? v.substring(0, EXCEL_MAX_CELL_CHARS) : v);
                    }
                }
                rows++;
            }
            OutputFiles.createPrivate(target); // rw-r-----, kept by the stream below
            try (OutputStream os = Files.newOutputStream(target)) {
                wb.write(os);
            }
            log.info(
                    "wrote {}: {} rows in {} sheet(s), {} s",
                    target.getFileName(),
                    rows,
                    sheets,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (CsvException e) {
            throw new IllegalStateException("cannot read back " + csv + ": " + e.getMessage(), e);
        } finally {
            try {
                wb.dispose(); // deletes the temporary files
                wb.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    private static SXSSFSheet newSheet(SXSSFWorkbook wb, String name, String[] header, CellStyle bold) {
        SXSSFSheet sheet = wb.createSheet(name);
        sheet.setDefaultColumnWidth(16);
        sheet.createFreezePane(0, 1);
        SXSSFRow row = sheet.createRow(0);
        for (int i = 0; i < header.length; i++) {
            SXSSFCell cell = row.createCell(i);
            cell.setCellStyle(bold);
            cell.setCellValue(header[i]);
        }
        return sheet;
    }

    private static boolean isWholeNumber(String v) {
        if (v.length() > 15) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && v.length() > 1)) {
                return false;
            }
        }
        return true;
    }
}
