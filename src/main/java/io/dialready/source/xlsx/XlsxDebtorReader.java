package io.dialready.source.xlsx;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.RestartSkip;
import io.dialready.source.SourceRow;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one sheet of an XLSX workbook as debtor rows, streamed: {@link XlsxContainer} refuses what is not a workbook,
 * POI's {@link XSSFReader} opens the package, {@link SheetReader} pulls the sheet's XML row by row with StAX (memory
 * holds one row plus the shared strings table, never the workbook), {@link HeaderFinder} finds the header row and
 * {@link CellText} gives each cell's value as a person sees it in Excel. An error value ({@code #N/A},
 * {@code #VALUE!}...) makes the row a reject naming the cell ({@code C7}). Rows whose cells are all empty are skipped. A
 * row's number is the sheet's row number (1-based), as Excel shows it and the rejects file reports it.
 * <p>
 * Restartable like the CSV reader: the number of rows handed out is saved at each commit and skipped on a restart.
 */
public class XlsxDebtorReader implements ItemStreamReader<SourceRow> {

    /** Records handed out and committed; a restart skips this many. */
    public static final String READ_KEY = "xlsx.records.read";

    /**
     * What the spec says about the workbook.
     *
     * @param sheet            sheet name, or its 1-based position; null for the first sheet
     * @param headerRow        the header's sheet row number (1-based); null to detect it
     * @param expectedColumns  the header names the spec maps, to detect the header row
     * @param dateFormat       the pattern dates are written in (the spec's columns.date_format)
     * @param decimalSeparator the separator numbers are written with (the spec's columns.decimal_separator)
     */
    public record Layout(
            String sheet, Integer headerRow, List<String> expectedColumns, String dateFormat, char decimalSeparator) {}

    /** The header, where it was found, and whether any data row follows it (for the pre-flight checks). */
    public record Probe(List<String> header, boolean hasDataRows, String sheetName, long headerRow) {}

    private final Path file;
    private final Layout layout;
    private OPCPackage pkg;
    private SheetReader sheet;
    private String[] header;
    private long headerRow;
    private long recordsRead;
    private boolean exhausted;

    public XlsxDebtorReader(Path file, Layout layout) {
        this.file = file;
        this.layout = layout;
    }

    public static Probe probe(Path file, Layout layout) {
        XlsxDebtorReader r = new XlsxDebtorReader(file, layout);
        r.open(new ExecutionContext());
        try {
            return new Probe(List.of(r.header), r.read() != null, r.sheetName(), r.headerRow);
        } finally {
            r.close();
        }
    }

    public String[] header() {
        return header;
    }

    @Override
    public void open(ExecutionContext context) {
        XlsxContainer.check(file);
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            boolean date1904;
            try (InputStream workbook = reader.getWorkbookData()) {
                date1904 = CellText.date1904(workbook);
            }
            CellText text = new CellText(strings, styles, date1904, layout.dateFormat(), layout.decimalSeparator());
            sheet = SheetReader.open(pkg, reader, file, layout.sheet(), text);
        } catch (InputUnreadableException | JobSpecException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new InputUnreadableException(XlsxContainer.corrupt(file, e), e);
        }
        HeaderFinder.Header found = HeaderFinder.find(sheet, file, layout.headerRow(), layout.expectedColumns());
        header = found.names();
        headerRow = found.row();
        sheet.expectColumns(header.length);
        recordsRead = 0;
        exhausted = false;
        RestartSkip.skip(this::read, context.getLong(READ_KEY, 0L), file);
    }

    @Override
    public SourceRow read() {
        if (exhausted) {
            return null;
        }
        SheetReader.Row row;
        do {
            row = sheet.next();
            if (row == null) {
                exhausted = true;
                return null;
            }
        } while (row.blank());
        recordsRead++;
        String[] fields = new String[header.length];
        for (int i = 0; i < fields.length; i++) {
            String v = i < row.cells().length ? row.cells()[i] : null;
            fields[i] = v == null ? "" : v;
        }
        if (row.errorRef() != null) {
            return new SourceRow(
                    row.number(), fields, "cell " + row.errorRef() + " holds the error value " + row.errorValue());
        }
        return new SourceRow(row.number(), fields, null);
    }

    public String sheetName() {
        return sheet == null ? null : sheet.name();
    }

    public long headerRow() {
        return headerRow;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(READ_KEY, recordsRead);
    }

    @Override
    public void close() {
        if (sheet != null) {
            sheet.close();
        }
        if (pkg != null) {
            pkg.revert(); // opened read-only: nothing to save
            pkg = null;
        }
    }

    @Override
    public String toString() {
        return "XlsxDebtorReader[" + file + ", sheet=" + sheetName() + ", header row " + headerRow + "]";
    }

    /** Every input column name the spec maps, to recognise the header row. */
    public static List<String> mappedColumns(JobSpec spec) {
        List<String> names = new ArrayList<>();
        JobSpec.Columns c = spec.columns();
        for (String n : new String[] {c.key(), c.name(), c.document(), c.amount(), c.dueDate(), c.daysOverdue()}) {
            if (n != null) {
                names.add(n);
            }
        }
        for (JobSpec.PhoneSource p : spec.phones()) {
            for (String n : new String[] {p.column(), p.ddd(), p.number()}) {
                if (n != null) {
                    names.add(n);
                }
            }
        }
        return names;
    }
}
