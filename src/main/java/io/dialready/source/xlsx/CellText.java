package io.dialready.source.xlsx;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * A cell's value as a person sees it in Excel, from what the sheet's XML stores (its type, style and value):
 * <ul>
 * <li>numbers as plain digits (a phone stored as a number gives {@code 11987654321}, never {@code 1.1987654321E10} or
 * {@code 11987654321.0}), rounded to Excel's 15 significant digits and written with the spec's decimal separator;</li>
 * <li>numbers whose cell format is a date, and ISO date cells, as dates in the spec's {@code columns.date_format}, in
 * the workbook's date system (serial numbers count from 1900, or from 1904 in workbooks saved so by Excel for Mac);</li>
 * <li>shared, inline and formula strings as their text; booleans as TRUE/FALSE.</li>
 * </ul>
 */
final class CellText {

    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final DateTimeFormatter dateFormatter;
    private final char decimalSeparator;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();

    /**
     * @param strings          the workbook's shared strings
     * @param styles           its cell styles (null when it has none: no cell is a date then)
     * @param date1904         whether its date serial numbers count from 1904 ({@link #date1904})
     * @param dateFormat       the pattern dates are written in (the spec's columns.date_format)
     * @param decimalSeparator the separator numbers are written with (the spec's columns.decimal_separator)
     */
    CellText(
            ReadOnlySharedStringsTable strings,
            StylesTable styles,
            boolean date1904,
            String dateFormat,
            char decimalSeparator) {
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
        this.dateFormatter = DateTimeFormatter.ofPattern(dateFormat.replace('y', 'u'), Locale.ROOT);
        this.decimalSeparator = decimalSeparator;
    }

    /**
     * Whether the workbook (its {@code xl/workbook.xml}) uses the 1904 date system: the {@code date1904} attribute of
     * its {@code <workbookPr>}, which comes before {@code <sheets>} when present.
     */
    static boolean date1904(InputStream workbookXml) throws XMLStreamException {
        XMLStreamReader x = XMLHelper.newXMLInputFactory().createXMLStreamReader(workbookXml);
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

    /**
     * The text of a cell that is not an error.
     *
     * @param type   its {@code t} attribute (null for a number)
     * @param style  its {@code s} attribute, the index of its cell style (null for none)
     * @param value  the text of its {@code <v>} (null for none)
     * @param inline the text of its {@code <is>} inline string (null for none)
     * @return the text, or null for an empty cell
     */
    /**
     * A shared string by its index. A bad index used to fail with POI's message, which quoted every shared string of
     * the workbook (names, CPFs, phones) in one line; this one quotes none.
     */
    private String sharedString(String index) {
        try {
            return strings.getItemAt(Integer.parseInt(index.strip())).getString();
        } catch (RuntimeException e) {
            throw new IllegalStateException("a cell refers to a shared string that does not exist (index "
                    + (index.length() > 12 ? index.substring(0, 12) + "..." : index) + ")");
        }
    }

    String text(String type, String style, String value, CharSequence inline) {
        if (type == null || type.equals("n")) {
            if (value == null || value.isBlank()) {
                return null;
            }
            return isDateStyle(style) ? dateText(value) : numberText(value);
        }
        return switch (type) {
            case "s" -> value == null ? null : sharedString(value);
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
        return decimalSeparator == '.' ? plain : plain.replace('.', decimalSeparator);
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

    /** 2 gives "C" (the letters of a 0-based column index). */
    static String columnName(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }
}
