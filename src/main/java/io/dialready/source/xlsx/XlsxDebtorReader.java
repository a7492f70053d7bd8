package io.dialready.source.xlsx;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.SourceRow;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.spec.JobSpecException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one sheet of an XLSX workbook as debtor rows, streamed: POI's {@link XSSFReader} opens the package, and the
 * sheet's XML is pulled row by row with StAX, so memory holds one row (plus the shared strings table), never the
 * workbook. Cell values come out as a person sees them in Excel:
 * <ul>
 * <li>numbers as plain digits (a phone stored as a number gives {@code 11987654321}, never {@code 1.1987654321E10} or
 * {@code 11987654321.0}), rounded to Excel's 15 significant digits and written with the spec's decimal separator;</li>
 * <li>numbers whose cell format is a date, and ISO date cells, as dates in the spec's {@code columns.date_format};</li>
 * <li>formulas as their cached value; shared, inline and formula strings as their text; booleans as TRUE/FALSE;</li>
 * <li>an error value ({@code #N/A}, {@code #VALUE!}...) makes the row a reject naming the cell ({@code C7}).</li>
 * </ul>
 * The header row is {@code input.header_row}, or the first row holding every column the spec maps (so a title row
 * above it is skipped). Rows whose cells are all empty are skipped. A row's number is the sheet's row number
 * (1-based), as Excel shows it and the rejects file reports it.
 * <p>
 * Restartable like {@link CsvDebtorReader}: the number of rows handed out is saved at each commit and skipped on a
 * restart.
 */
public class XlsxDebtorReader implements ItemStreamReader<SourceRow> {

    /** Records handed out and committed; a restart skips this many. */
    public static final String READ_KEY = "xlsx.records.read";

    private static final int HEADER_SEARCH_ROWS = 50;
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

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
    private final DateTimeFormatter dateFormatter;
    private OPCPackage pkg;
    private InputStream sheetStream;
    private XMLStreamReader xml;
    private ReadOnlySharedStringsTable strings;
    private StylesTable styles;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();
    private boolean date1904;
    private String sheetName;
    private String[] header;
    private long headerRow;
    private long recordsRead;
    private boolean exhausted;
    private long lastRowNumber;

    public XlsxDebtorReader(Path file, Layout layout) {
        this.file = file;
        this.layout = layout;
        this.dateFormatter = DateTimeFormatter.ofPattern(layout.dateFormat().replace('y', 'u'), Locale.ROOT);
    }

    public static Probe probe(Path file, Layout layout) {
        XlsxDebtorReader r = new XlsxDebtorReader(file, layout);
        r.open(new ExecutionContext());
        try {
            return new Probe(List.of(r.header), r.read() != null, r.sheetName, r.headerRow);
        } finally {
            r.close();
        }
    }

    public String[] header() {
        return header;
    }

    /**
     * Refuses what is not an XLSX workbook before POI sees it, with a message saying what it is and what to do: an old
     * .xls, a password-protected workbook (both OLE2 containers), or anything else.
     */
    static void checkContainer(Path file) {
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
            boolean encrypted;
            try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
                encrypted = fs.getRoot().hasEntry("EncryptedPackage")
                        || fs.getRoot().hasEntry("EncryptionInfo");
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
        throw new InputUnreadableException(file + ": is not an XLSX workbook (corrupt, or another format: "
                + magic.name().toLowerCase(Locale.ROOT) + ")");
    }

    @Override
    public void open(ExecutionContext context) {
        checkContainer(file);
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pkg);
            strings = new ReadOnlySharedStringsTable(pkg, false);
            styles = reader.getStylesTable();
            date1904 = readDate1904(reader);
            openSheet(reader);
        } catch (InputUnreadableException | JobSpecException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new InputUnreadableException(corrupt(e), e);
        }
        findHeader();
        recordsRead = 0;
        exhausted = false;
        long skip = context.getLong(READ_KEY, 0L);
        for (long i = 0; i < skip; i++) {
            if (read() == null) {
                throw new ItemStreamException(file + ": has fewer rows (" + i + ") than the interrupted run had read ("
                        + skip + "); was the input replaced?");
            }
        }
    }

    /**
     * Whether the file ends with a ZIP end-of-central-directory record (in its last 64 KiB + 22 bytes, where the ZIP
     * format puts it): without it the archive was cut short, and no part of it can be trusted.
     */
    static boolean hasZipEnd(Path file, long size) {
        int tail = (int) Math.min(size, 65_535 + 22);
        byte[] b = new byte[tail];
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(size - tail);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
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
    private static boolean looksLikeText(Path file) {
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
    private static String message(Throwable e) {
        for (Throwable t = e;
                t != null;
                t = t.getCause() != null
                        ? t.getCause()
                        : t instanceof javax.xml.stream.XMLStreamException x ? x.getNestedException() : null) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb detected")) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("Entry: (\\S+)").matcher(t.getMessage());
                return ZIP_BOMB + (m.find() ? " (" + m.group(1) + ")" : "") + ZIP_BOMB_END;
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final String ZIP_BOMB = "refused: a part of the workbook";
    private static final String ZIP_BOMB_END =
            " inflates to more than 100 times its compressed size, the mark of a zip" + " bomb";

    /** The failure as the one-line reason after the file name: a zip bomb as such, anything else as corrupt. */
    private String corrupt(Throwable e) {
        String m = message(e);
        return m.startsWith(ZIP_BOMB) ? file + ": " + m : file + ": is a corrupt XLSX workbook (" + m + ")";
    }

    private static boolean readDate1904(XSSFReader reader) throws Exception {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader x = xmlFactory().createXMLStreamReader(in);
            try {
                while (x.hasNext()) {
                    if (x.next() == XMLStreamConstants.START_ELEMENT
                            && x.getLocalName().equals("workbookPr")) {
                        String v = x.getAttributeValue(null, "date1904");
                        return "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                    if (x.getEventType() == XMLStreamConstants.START_ELEMENT
                            && x.getLocalName().equals("sheets")) {
                        return false;
                    }
                }
                return false;
            } finally {
                x.close();
            }
        }
    }

    private static XMLInputFactory xmlFactory() {
        return XMLHelper.newXMLInputFactory();
    }

    private void openSheet(XSSFReader reader) throws Exception {
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        List<String> names = new ArrayList<>();
        String wanted = layout.sheet();
        Integer position = null;
        if (wanted != null && wanted.strip().matches("\\d{1,4}")) {
            position = Integer.parseInt(wanted.strip());
        }
        InputStream chosen = null;
        String chosenName = null;
        InputStream byPosition = null;
        String byPositionName = null;
        while (sheets.hasNext()) {
            InputStream in = sheets.next();
            String name = sheets.getSheetName();
            names.add(name);
            boolean keep = false;
            if (chosen == null
                    && (wanted == null || name.equals(wanted.strip()) || name.equalsIgnoreCase(wanted.strip()))) {
                chosen = in;
                chosenName = name;
                keep = true;
            } else if (position != null && names.size() == position && byPosition == null) {
                byPosition = in;
                byPositionName = name;
                keep = true;
            }
            if (!keep) {
                in.close();
            }
        }
        if (chosen == null && byPosition != null) {
            chosen = byPosition;
            chosenName = byPositionName;
        } else if (byPosition != null) {
            byPosition.close();
        }
        if (chosen == null) {
            if (names.isEmpty()) {
                throw new InputUnreadableException(file + ": the workbook has no sheets");
            }
            throw new JobSpecException("key 'input.sheet' names '" + wanted + "', which is not a sheet of " + file
                    + " (sheets: " + String.join(", ", names) + "; or give a position from 1 to " + names.size() + ")");
        }
        sheetStream = chosen;
        sheetName = chosenName;
        xml = xmlFactory().createXMLStreamReader(sheetStream);
        lastRowNumber = 0;
    }

    private void reopenSheet() {
        closeSheet();
        try {
            openSheet(new XSSFReader(pkg));
        } catch (Exception e) {
            throw new InputUnreadableException(corrupt(e), e);
        }
    }

    /** One row as stored: its sheet row number, its cells by column, the first error cell if any. */
    private record RawRow(long number, String[] cells, String errorRef, String errorValue) {

        boolean blank() {
            for (String c : cells) {
                if (c != null && !c.isBlank()) {
                    return false;
                }
            }
            return errorRef == null;
        }
    }

    private void findHeader() {
        Integer wanted = layout.headerRow();
        RawRow found = null;
        if (wanted != null) {
            RawRow row;
            while ((row = nextRow()) != null && row.number() < wanted) {
                // rows above the header
            }
            if (row == null || row.number() != wanted || row.blank()) {
                throw new InputUnreadableException(
                        file + ": row " + wanted + " of sheet '" + sheetName + "' (input.header_row) is empty");
            }
            found = row;
        } else {
            Set<String> expected = new TreeSet<>();
            for (String c : layout.expectedColumns()) {
                expected.add(c.strip().toLowerCase(Locale.ROOT));
            }
            RawRow first = null;
            RawRow best = null;
            int bestMatches = 0;
            int seen = 0;
            RawRow row;
            while (seen < HEADER_SEARCH_ROWS && (row = nextRow()) != null) {
                if (row.blank()) {
                    continue;
                }
                seen++;
                if (first == null) {
                    first = row;
                }
                Set<String> names = new TreeSet<>();
                for (String c : row.cells()) {
                    if (c != null) {
                        names.add(c.strip().toLowerCase(Locale.ROOT));
                    }
                }
                if (names.containsAll(expected)) {
                    found = row;
                    break;
                }
                names.retainAll(expected);
                if (names.size() > bestMatches) {
                    best = row;
                    bestMatches = names.size();
                }
            }
            if (first == null) {
                throw new InputUnreadableException(file + ": sheet '" + sheetName + "' holds no header row");
            }
            if (found == null) {
                // no row has every mapped name: take the row with the most of them (else the first), so the
                // mapping check names the column missing from the likely header rather than from a title row
                RawRow header = best != null ? best : first;
                reopenSheet();
                while ((row = nextRow()) != null && row.number() < header.number()) {
                    // rows above
                }
                found = header;
            }
        }
        String[] cells = found.cells();
        int width = cells.length;
        while (width > 0 && (cells[width - 1] == null || cells[width - 1].isBlank())) {
            width--;
        }
        header = new String[width];
        for (int i = 0; i < width; i++) {
            header[i] = cells[i] == null ? "" : cells[i].strip();
        }
        headerRow = found.number();
    }

    @Override
    public SourceRow read() {
        if (exhausted) {
            return null;
        }
        RawRow row;
        do {
            row = nextRow();
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

    /** The next {@code <row>} of the sheet, or null at its end. */
    private RawRow nextRow() {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT
                        && xml.getLocalName().equals("row")) {
                    return readRow();
                }
                if (event == XMLStreamConstants.END_ELEMENT
                        && xml.getLocalName().equals("sheetData")) {
                    return null;
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof InputUnreadableException u) {
                throw u;
            }
            if (message(e).startsWith(ZIP_BOMB)) {
                throw new InputUnreadableException(file + ": " + message(e), e);
            }
            throw new InputUnreadableException(
                    file + ": is a corrupt XLSX workbook: sheet '" + sheetName + "' cannot be read after row "
                            + lastRowNumber + " (" + message(e) + ")",
                    e);
        }
    }

    private RawRow readRow() throws XMLStreamException {
        String r = xml.getAttributeValue(null, "r");
        long number = r != null ? Long.parseLong(r.strip()) : lastRowNumber + 1;
        lastRowNumber = number;
        String[] cells = new String[Math.max(8, header == null ? 8 : header.length)];
        int column = -1;
        String errorRef = null;
        String errorValue = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT || !xml.getLocalName().equals("c")) {
                continue;
            }
            String ref = xml.getAttributeValue(null, "r");
            column = ref != null ? columnIndex(ref) : column + 1;
            String type = xml.getAttributeValue(null, "t");
            String style = xml.getAttributeValue(null, "s");
            String value = null;
            StringBuilder inline = null;
            while (xml.hasNext()) {
                int e = xml.next();
                if (e == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
                    break;
                }
                if (e != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "v" -> value = xml.getElementText();
                    case "is" -> inline = inlineText();
                    default -> {
                        // <f> formulas (the cached <v> is what counts), <extLst>...
                    }
                }
            }
            String text;
            if ("e".equals(type)) {
                if (errorRef == null) {
                    errorRef = ref != null ? ref : columnName(column) + number;
                    errorValue = value;
                }
                text = value;
            } else {
                text = cellText(type, style, value, inline);
            }
            if (column >= cells.length) {
                cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
            }
            cells[column] = text;
        }
        return new RawRow(number, cells, errorRef, errorValue);
    }

    /** The text of an {@code <is>} inline string: its {@code <t>} runs, without phonetic {@code <rPh>} runs. */
    private StringBuilder inlineText() throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int phonetic = 0;
        while (xml.hasNext()) {
            int e = xml.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("rPh")) {
                    phonetic++;
                } else if (xml.getLocalName().equals("t")) {
                    String t = xml.getElementText();
                    if (phonetic == 0) {
                        sb.append(t);
                    }
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                if (xml.getLocalName().equals("rPh")) {
                    phonetic--;
                } else if (xml.getLocalName().equals("is")) {
                    break;
                }
            }
        }
        return sb;
    }

    private String cellText(String type, String style, String value, StringBuilder inline) {
        if (type == null || type.equals("n")) {
            if (value == null || value.isBlank()) {
                return null;
            }
            return isDateStyle(style) ? dateText(value) : numberText(value);
        }
        return switch (type) {
            case "s" ->
                value == null
                        ? null
                        : strings.getItemAt(Integer.parseInt(value.strip())).getString();
            case "inlineStr" -> inline != null ? inline.toString() : value;
            case "str" -> value;
            case "b" ->
                value == null
                        ? null
                        : value.strip().equals("1") || value.strip().equalsIgnoreCase("true") ? "TRUE" : "FALSE";
            case "d" -> isoDateText(value);
            default -> value;
        };
    }

    private boolean isDateStyle(String style) {
        if (style == null || styles == null) {
            return false;
        }
        int index;
        try {
            index = Integer.parseInt(style.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return dateStyles.computeIfAbsent(index, i -> {
            if (i < 0 || i >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle s = styles.getStyleAt(i);
            return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
        });
    }

    private String dateText(String value) {
        double serial;
        try {
            serial = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
        if (!DateUtil.isValidExcelDate(serial)) {
            return numberText(value);
        }
        LocalDateTime dt = DateUtil.getLocalDateTime(serial, date1904);
        return dt.toLocalDate().format(dateFormatter);
    }

    private String isoDateText(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            LocalDate d = v.length() > 10
                    ? LocalDateTime.parse(v.length() > 19 ? v.substring(0, 19) : v)
                            .toLocalDate()
                    : LocalDate.parse(v);
            return d.format(dateFormatter);
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    /**
     * A number as Excel shows it in a General cell, without exponent or trailing ".0": at most 15 significant digits
     * (what Excel keeps), written with the spec's decimal separator so the amount parser reads it back exactly.
     */
    String numberText(String value) {
        BigDecimal n;
        try {
            n = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
        String plain = n.round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
        return layout.decimalSeparator() == '.' ? plain : plain.replace('.', layout.decimalSeparator());
    }

    /** "C7" gives 2 (0-based column index). */
    static int columnIndex(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
        }
        return col - 1;
    }

    static String columnName(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }

    public String sheetName() {
        return sheetName;
    }

    public long headerRow() {
        return headerRow;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(READ_KEY, recordsRead);
    }

    private void closeSheet() {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // only read
            }
            xml = null;
        }
        if (sheetStream != null) {
            try {
                sheetStream.close();
            } catch (IOException e) {
                // only read
            }
            sheetStream = null;
        }
    }

    @Override
    public void close() {
        closeSheet();
        if (pkg != null) {
            pkg.revert(); // opened read-only: nothing to save
            pkg = null;
        }
    }

    @Override
    public String toString() {
        return "XlsxDebtorReader[" + file + ", sheet=" + sheetName + ", header row " + headerRow + "]";
    }

    /** Every input column name the spec maps, to recognise the header row. */
    public static List<String> mappedColumns(io.dialready.spec.JobSpec spec) {
        List<String> names = new ArrayList<>();
        io.dialready.spec.JobSpec.Columns c = spec.columns();
        for (String n : new String[] {c.key(), c.name(), c.document(), c.amount(), c.dueDate(), c.daysOverdue()}) {
            if (n != null) {
                names.add(n);
            }
        }
        for (io.dialready.spec.JobSpec.PhoneSource p : spec.phones()) {
            for (String n : new String[] {p.column(), p.ddd(), p.number()}) {
                if (n != null) {
                    names.add(n);
                }
            }
        }
        return names;
    }
}
