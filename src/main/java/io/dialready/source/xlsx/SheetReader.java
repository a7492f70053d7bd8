package io.dialready.source.xlsx;

import io.dialready.source.InputUnreadableException;
import io.dialready.spec.JobSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * One sheet of an open workbook, pulled {@code <row>} by {@code <row>} with StAX, so memory holds one row. The sheet is
 * the one the spec names (by name, ignoring case, or by its 1-based position), else the first; it can be read again
 * from its top ({@link #rewind}).
 */
final class SheetReader implements AutoCloseable {

    /** One row as stored: its sheet row number, its cells by column, the first error cell if any. */
    @SuppressWarnings("ArrayRecordComponent") // one row on its way to a SourceRow, never compared
    record Row(long number, String[] cells, String errorRef, String errorValue) {

        boolean blank() {
            for (String c : cells) {
                if (c != null && !c.isBlank()) {
                    return false;
                }
            }
            return errorRef == null;
        }
    }

    private final OPCPackage pkg;
    private final Path file;
    private final String wanted;
    private final CellText text;
    private InputStream sheetStream;
    private XMLStreamReader xml;
    private String name;
    private long lastRowNumber;
    private int width = 8;

    private SheetReader(OPCPackage pkg, Path file, String wanted, CellText text) {
        this.pkg = pkg;
        this.file = file;
        this.wanted = wanted;
        this.text = text;
    }

    /**
     * Opens the sheet named {@code wanted} (null for the first).
     *
     * @throws JobSpecException        when no sheet has that name or position
     * @throws InputUnreadableException when the workbook has no sheet
     * @throws Exception               POI's and StAX's own failures, for the caller to tell as a corrupt workbook
     */
    static SheetReader open(OPCPackage pkg, XSSFReader reader, Path file, String wanted, CellText text)
            throws Exception {
        SheetReader sheet = new SheetReader(pkg, file, wanted, text);
        sheet.openSheet(reader);
        return sheet;
    }

    String name() {
        return name;
    }

    /** How many columns rows are expected to have (the header's), to size each row's cells once. */
    void expectColumns(int columns) {
        width = Math.max(8, columns);
    }

    private void openSheet(XSSFReader reader) throws Exception {
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        List<String> names = new ArrayList<>();
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
            String sheetName = sheets.getSheetName();
            names.add(sheetName);
            boolean keep = false;
            if (chosen == null
                    && (wanted == null
                            || sheetName.equals(wanted.strip())
                            || sheetName.equalsIgnoreCase(wanted.strip()))) {
                chosen = in;
                chosenName = sheetName;
                keep = true;
            } else if (position != null && names.size() == position && byPosition == null) {
                byPosition = in;
                byPositionName = sheetName;
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
        name = chosenName;
        xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheetStream);
        lastRowNumber = 0;
    }

    /** Starts the sheet again from its first row. */
    void rewind() {
        close();
        try {
            openSheet(new XSSFReader(pkg));
        } catch (Exception e) {
            throw new InputUnreadableException(XlsxContainer.corrupt(file, e), e);
        }
    }

    /** The next {@code <row>} of the sheet, or null at its end. */
    Row next() {
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
            String message = XlsxContainer.message(e);
            if (XlsxContainer.isZipBomb(message)) {
                throw new InputUnreadableException(file + ": " + message, e);
            }
            throw new InputUnreadableException(
                    file + ": is a corrupt XLSX workbook: sheet '" + name + "' cannot be read after row "
                            + lastRowNumber + " (" + message + ")",
                    e);
        }
    }

    private Row readRow() throws XMLStreamException {
        String r = xml.getAttributeValue(null, "r");
        long number = r != null ? Long.parseLong(r.strip()) : lastRowNumber + 1;
        lastRowNumber = number;
        String[] cells = new String[width];
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
            column = ref != null ? CellText.columnIndex(ref) : column + 1;
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
            String cell;
            if ("e".equals(type)) {
                if (errorRef == null) {
                    errorRef = ref != null ? ref : CellText.columnName(column) + number;
                    errorValue = value;
                }
                cell = value;
            } else {
                cell = text.text(type, style, value, inline);
            }
            if (column >= cells.length) {
                cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
            }
            cells[column] = cell;
        }
        return new Row(number, cells, errorRef, errorValue);
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

    /** Closes the sheet's stream (the workbook stays open). */
    @Override
    public void close() {
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
}
