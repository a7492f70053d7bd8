package io.dialready.bench;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Turns a generated portfolio CSV into the kind of XLSX other systems export (for scripts/bench-xlsx.sh): a title row
 * above the header, phones and area codes as numeric cells, dd/MM/yyyy dates as date-formatted serial numbers, Brazilian
 * amounts ("1.234,56") as numbers, everything else as text. Streams with SXSSF, so any number of rows fits in a small
 * heap.
 * <p>
 * Usage: {@code XlsxPortfolioWriter IN.csv OUT.xlsx [CHARSET [DELIMITER]]} (default windows-1252 and ';', what
 * scripts/gen-portfolio.sh br writes).
 */
public final class XlsxPortfolioWriter {

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,14}");
    private static final Pattern DATE_BR = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    private static final Pattern AMOUNT_BR = Pattern.compile("\\d{1,3}(\\.\\d{3})*,\\d{2}");

    private XlsxPortfolioWriter() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: XlsxPortfolioWriter IN.csv OUT.xlsx [CHARSET [DELIMITER]]");
            System.exit(2);
        }
        Charset charset = Charset.forName(args.length > 2 ? args[2] : "windows-1252");
        char delimiter = args.length > 3 ? args[3].charAt(0) : ';';
        long start = System.nanoTime();
        long rows = write(Path.of(args[0]), charset, delimiter, Path.of(args[1]));
        System.out.printf(
                java.util.Locale.ROOT,
                "xlsx rows=%d out=%s seconds=%.2f%n",
                rows,
                args[1],
                (System.nanoTime() - start) / 1e9);
    }

    public static long write(Path csv, Charset charset, char delimiter, Path xlsx) throws IOException, CsvException {
        SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, false);
        Path part = xlsx.resolveSibling(xlsx.getFileName() + ".part");
        try (Reader in = Files.newBufferedReader(csv, charset);
                CSVReader reader = new CSVReaderBuilder(in)
                        .withCSVParser(
                                new CSVParserBuilder().withSeparator(delimiter).build())
                        .build();
                OutputStream os = Files.newOutputStream(part)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle amount = wb.createCellStyle();
            amount.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            SXSSFSheet sheet = wb.createSheet("Carteira");
            sheet.createRow(0).createCell(0).setCellValue("Carteira exportada - " + csv.getFileName());
            int r = 1;
            long rows = -1;
            String[] fields;
            while ((fields = reader.readNext()) != null) {
                Row row = sheet.createRow(r++);
                rows++;
                for (int i = 0; i < fields.length; i++) {
                    String v = fields[i];
                    if (v == null || v.isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    var d = DATE_BR.matcher(v);
                    if (rows > 0 && DIGITS.matcher(v).matches()) {
                        cell.setCellValue(Double.parseDouble(v));
                    } else if (rows > 0 && d.matches()) {
                        cell.setCellValue(LocalDate.of(
                                Integer.parseInt(d.group(3)),
                                Integer.parseInt(d.group(2)),
                                Integer.parseInt(d.group(1))));
                        cell.setCellStyle(date);
                    } else if (rows > 0 && AMOUNT_BR.matcher(v).matches()) {
                        cell.setCellValue(Double.parseDouble(v.replace(".", "").replace(',', '.')));
                        cell.setCellStyle(amount);
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            wb.write(os);
            os.close();
            Files.move(part, xlsx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return rows;
        } finally {
            wb.dispose();
            wb.close();
        }
    }
}
