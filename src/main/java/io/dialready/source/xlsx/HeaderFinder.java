package io.dialready.source.xlsx;

import io.dialready.source.InputUnreadableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a sheet's header row: the row the spec names ({@code input.header_row}), or the first of the sheet's first 50
 * non-blank rows that holds every column the spec maps, so a title row above it is skipped. When no row holds them all,
 * the row holding most of them is taken (else the first), so the mapping check names the column missing from the
 * likely header rather than from a title row. The sheet is left just after the header.
 */
final class HeaderFinder {

    private static final int HEADER_SEARCH_ROWS = 50;

    /** The header's names (trailing empty cells dropped, each name stripped) and its sheet row number. */
    @SuppressWarnings("ArrayRecordComponent") // read once, never compared
    record Header(String[] names, long row) {}

    private HeaderFinder() {}

    /**
     * @param headerRow       the header's sheet row number (1-based); null to look for it
     * @param expectedColumns the header names the spec maps
     */
    static Header find(SheetReader sheet, Path file, Integer headerRow, List<String> expectedColumns) {
        SheetReader.Row found =
                headerRow != null ? atRow(sheet, file, headerRow) : search(sheet, file, expectedColumns);
        String[] cells = found.cells();
        int width = cells.length;
        while (width > 0 && (cells[width - 1] == null || cells[width - 1].isBlank())) {
            width--;
        }
        String[] names = new String[width];
        for (int i = 0; i < width; i++) {
            names[i] = cells[i] == null ? "" : io.dialready.source.Invisibles.trim(cells[i]);
        }
        return new Header(names, found.number());
    }

    private static SheetReader.Row atRow(SheetReader sheet, Path file, int wanted) {
        SheetReader.Row row;
        while ((row = sheet.next()) != null && row.number() < wanted) {
            // rows above the header
        }
        if (row == null || row.number() != wanted || row.blank()) {
            throw new InputUnreadableException(
                    file + ": row " + wanted + " of sheet '" + sheet.name() + "' (input.header_row) is empty");
        }
        return row;
    }

    private static SheetReader.Row search(SheetReader sheet, Path file, List<String> expectedColumns) {
        Set<String> expected = new TreeSet<>();
        for (String c : expectedColumns) {
            expected.add(c.strip().toLowerCase(Locale.ROOT));
        }
        SheetReader.Row first = null;
        SheetReader.Row best = null;
        int bestMatches = 0;
        int seen = 0;
        SheetReader.Row row;
        while (seen < HEADER_SEARCH_ROWS && (row = sheet.next()) != null) {
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
                return row;
            }
            names.retainAll(expected);
            if (names.size() > bestMatches) {
                best = row;
                bestMatches = names.size();
            }
        }
        if (first == null) {
            throw new InputUnreadableException(file + ": sheet '" + sheet.name() + "' holds no header row");
        }
        SheetReader.Row header = best != null ? best : first;
        sheet.rewind();
        while ((row = sheet.next()) != null && row.number() < header.number()) {
            // rows above
        }
        return header;
    }
}
