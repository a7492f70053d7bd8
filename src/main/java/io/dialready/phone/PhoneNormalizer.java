package io.dialready.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.PhoneType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw phone values from debtor files into {@link PhoneCandidate}s.
 *
 * <p>Parsing, validity, line type and formatting come from libphonenumber. On top of it this class:
 * <ul>
 * <li>splits a cell holding several numbers (explicit separators first, then whitespace, but only when every
 * resulting part is a complete valid number on its own);</li>
 * <li>drops extensions ({@code ramal 123}, {@code r. 123}, {@code ext. 45}, {@code x123}, {@code #123});</li>
 * <li>decodes numbers mangled by spreadsheets ({@code 1.1987654321E10}, {@code 11987654321.0});</li>
 * <li>applies the Brazilian repairs: carrier prefix ({@code 0 21 11 ...}, also for carrier codes libphonenumber does
 * not know), trunk zero, legacy 8-digit mobiles (ninth digit), {@code 0055} read as {@code +55}, and area code taken
 * from the previous number of the same cell;</li>
 * <li>rejects junk placeholders ({@code 99999999999}, {@code (11) 9999-9999}) that libphonenumber would accept.</li>
 * </ul>
 *
 * <p>Repair notes ({@link PhoneCandidate#repair()}, joined with {@code "; "}, in the order applied):
 * {@code "carrier prefix 021 removed"}, {@code "carrier prefix 0xx removed"}, {@code "trunk prefix 0 removed"},
 * {@code "area code 11 taken from previous number"}, {@code "ninth digit added"}. Carrier and trunk prefixes are
 * stripped natively by libphonenumber; they are still reported (for every region, so India's {@code 0} trunk prefix is
 * reported too) so that a report can show what was changed. A country code ({@code 55...}, {@code +91}), a DDD taken
 * from a separate column, an extension or a spreadsheet notation is not a repair and is not noted.
 *
 * <p>Invalid reasons (stable, lowercase): {@code "not a phone number"} (no digit at all), {@code "too short"},
 * {@code "too long"}, {@code "invalid length"}, {@code "all the same digit"}, {@code "invalid country code"},
 * {@code "no area code"}, {@code "invalid area code NN"}, {@code "not a valid number for XX"},
 * {@code "rounded by excel"} (scientific notation with its digits lost, such as {@code 1.19877E+10}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PhoneNormalizer {

    /** Separators that always mean "another number follows". */
    private static final Pattern HARD_SEPARATOR = Pattern.compile(
            "\\s*[/;,|\\\\\\r\\n\\t]+\\s*|\\s+(?:ou|e|or|and)\\s+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** An extension at the end of a piece; the marker must follow a digit, a blank, ')' '-' or '.'. */
    private static final Pattern EXTENSION = Pattern.compile(
            "(?:(?<=[\\d\\s)\\-.])|^)(?:ramal|rml|ram\\.?|r\\.?|extens[aã]o|extension|extn\\.?|ext\\.?|x|#)"
                    + "\\s*[.:\\-]?\\s*\\d{1,6}\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Brazilian "0xx11" notation: trunk zero plus a placeholder for the long-distance carrier. */
    private static final Pattern OXX = Pattern.compile("0\\s*[xX]\\s*[xX]");
    /** A piece that is only an area code, such as "11", "(11)" or "011": belongs to the next piece. */
    private static final Pattern AREA_ONLY = Pattern.compile("\\(?\\s*0?\\d{2}\\s*\\)?");
    /** A spreadsheet number in scientific notation: 1.1987654321E10, 1,1987654321E+10. */
    private static final Pattern SCIENTIFIC = Pattern.compile("([0-9])(?:[.,]([0-9]+))?[eE]\\+?([0-9]{1,2})");
    /** A spreadsheet number with a zero decimal part: 11987654321.0 (not "3456.0000", a number written with a dot). */
    private static final Pattern ZERO_DECIMALS = Pattern.compile("([0-9]+)[.,]0{1,2}");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int BR_CC = 55;
    /** Brazil's 67 area codes (DDD), see DOMAIN.md; cross-checked against libphonenumber's metadata by a test. */
    static final Set<String> BR_AREA_CODES = Set.of(
            "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22", "24", "27", "28", "31", "32", "33", "34",
            "35", "37", "38", "41", "42", "43", "44", "45", "46", "47", "48", "49", "51", "53", "54", "55", "61", "62",
            "63", "64", "65", "66", "67", "68", "69", "71", "73", "74", "75", "77", "79", "81", "82", "83", "84", "85",
            "86", "87", "88", "89", "91", "92", "93", "94", "95", "96", "97", "98", "99");

    private static final int MIN_DIGITS = 3;
    private static final int MAX_DIGITS = 17;
    private static final int MIN_SAME_DIGITS = 5;
    /** At most this many whitespace-separated groups are considered when splitting on whitespace. */
    private static final int MAX_GROUPS = 16;
    /** Excel's "General" format shows at most 6 significant digits in scientific notation. */
    private static final int EXCEL_ROUNDED_DIGITS = 6;

    private static final Map<PhoneNumberType, PhoneType> TYPES = new EnumMap<>(PhoneNumberType.class);

    static {
        for (PhoneNumberType t : PhoneNumberType.values()) {
            TYPES.put(t, PhoneType.valueOf(t.name()));
        }
    }

    private final String region;
    private final int regionCountryCode;
    private final boolean ninthDigitFor7;

    public PhoneNormalizer(String defaultRegion) {
        this(defaultRegion, true);
    }

    /**
     * @param ninthDigitFor7 whether a Brazilian 8-digit number starting with 7 after its area code ({@code (64)
     *     7836-2099}) is repaired with the ninth digit like the 6/8/9 ones (the spec's {@code ninth_digit_for_7},
     *     default true), although libphonenumber still accepts it as written
     */
    public PhoneNormalizer(String defaultRegion, boolean ninthDigitFor7) {
        if (defaultRegion == null || defaultRegion.isBlank()) {
            throw new IllegalArgumentException("default region is required (ISO code such as BR or IN)");
        }
        String r = defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(r)) {
            throw new IllegalArgumentException("unsupported region: " + defaultRegion);
        }
        this.region = r;
        this.regionCountryCode = UTIL.getCountryCodeForRegion(r);
        this.ninthDigitFor7 = ninthDigitFor7;
    }

    public String defaultRegion() {
        return region;
    }

    /** A cell that may hold zero, one or several numbers. Blank -> empty list. */
    public List<PhoneCandidate> parseCell(String source, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return parsePieces(source, cleanCell(value), null, null);
    }

    /**
     * Area code (Brazil's DDD) in one column, number in another; the number column may itself hold several numbers
     * (each gets the DDD unless it already carries its own area code). Both blank -> empty list; DDD blank -> parse
     * number alone; number blank -> empty list (a DDD alone is not a phone).
     */
    public List<PhoneCandidate> parseSplit(String source, String areaCode, String number) {
        if (number == null || number.isBlank()) {
            return List.of();
        }
        if (areaCode == null || areaCode.isBlank()) {
            return parseCell(source, number);
        }
        String area = cleanCell(areaCode);
        String areaDigits = area;
        Matcher zero = ZERO_DECIMALS.matcher(area);
        if (zero.matches()) {
            areaDigits = zero.group(1);
        }
        areaDigits = stripLeadingZeros(digitsOf(areaDigits));
        if (areaDigits.isEmpty()) {
            return parseCell(source, number);
        }
        return parsePieces(source, cleanCell(number), areaDigits, area);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // cell level

    private List<PhoneCandidate> parsePieces(String source, String cell, String areaDigits, String areaRaw) {
        String rawPrefix = areaRaw == null ? "" : areaRaw + " ";
        String decoded = decodeSpreadsheet(cell);
        if (decoded != null) {
            if (decoded.isEmpty()) {
                return List.of(PhoneCandidate.invalid(source, rawPrefix + cell, "rounded by excel"));
            }
            return List.of(resolve(source, rawPrefix + cell, decoded, areaDigits, null).candidate);
        }
        List<String> pieces = splitHard(cell);
        List<PhoneCandidate> out = new ArrayList<>(pieces.size());
        String inherited = null;
        for (String p : pieces) {
            String piece = stripExtension(p);
            if (!hasDigit(piece)) {
                continue; // labels ("cel:", "recado"), "n/a" next to a real number, extension-only pieces
            }
            Outcome whole = resolve(source, rawPrefix + piece, piece, areaDigits, inherited);
            List<Outcome> parts = null;
            if (!whole.valid() && hasWhitespace(piece)) {
                parts = splitOnWhitespace(source, rawPrefix, piece, areaDigits, inherited);
            }
            if (parts == null) {
                parts = List.of(whole);
            }
            for (Outcome o : parts) {
                out.add(o.candidate);
                if (o.areaCode != null) {
                    inherited = o.areaCode;
                }
            }
        }
        if (out.isEmpty()) {
            return List.of(PhoneCandidate.invalid(source, rawPrefix + cell, "not a phone number"));
        }
        return out;
    }

    /** Splits on explicit separators and glues a lone area code ("(11) / 98765-4321") to the next piece. */
    private static List<String> splitHard(String cell) {
        if (isSimple(cell)) {
            return List.of(cell);
        }
        String[] split = HARD_SEPARATOR.split(cell);
        List<String> pieces = new ArrayList<>(split.length);
        String pendingArea = null;
        for (String s : split) {
            String p = s.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (pendingArea != null) {
                p = pendingArea + " " + p;
                pendingArea = null;
            }
            if (AREA_ONLY.matcher(p).matches()) {
                pendingArea = p;
                continue;
            }
            pieces.add(p);
        }
        if (pendingArea != null) {
            pieces.add(pendingArea);
        }
        return pieces;
    }

    /** Only characters that appear inside one formatted number: no separator, letter or extension marker. */
    private static boolean isSimple(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == ' ' || c == '(' || c == ')' || c == '-' || c == '.' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    private static String stripExtension(String piece) {
        if (isSimple(piece)) {
            return piece;
        }
        return EXTENSION.matcher(piece).replaceFirst("").trim();
    }

    /**
     * Splits a piece on whitespace, but only into parts that are each a complete valid number (a part may take the
     * area code of the part before it). Returns null when no such split exists.
     */
    private List<Outcome> splitOnWhitespace(
            String source, String rawPrefix, String piece, String areaDigits, String inherited) {
        List<int[]> groups = groups(piece);
        if (groups.size() < 2 || groups.size() > MAX_GROUPS) {
            return null;
        }
        return search(source, rawPrefix, piece, groups, 0, areaDigits, inherited, new HashSet<>());
    }

    private List<Outcome> search(
            String source,
            String rawPrefix,
            String piece,
            List<int[]> groups,
            int start,
            String areaDigits,
            String inherited,
            Set<String> failed) {
        if (start == groups.size()) {
            return new ArrayList<>();
        }
        String key = start + "|" + inherited;
        if (failed.contains(key)) {
            return null;
        }
        int digits = 0;
        for (int end = start + 1; end <= groups.size(); end++) {
            digits += groups.get(end - 1)[2];
            if (digits > MAX_DIGITS) {
                break;
            }
            if (start == 0 && end == groups.size()) {
                break; // the whole piece, already tried
            }
            String text = piece.substring(groups.get(start)[0], groups.get(end - 1)[1]);
            Outcome o = resolve(source, rawPrefix + text, text, areaDigits, inherited);
            if (!o.valid()) {
                continue;
            }
            List<Outcome> rest = search(
                    source,
                    rawPrefix,
                    piece,
                    groups,
                    end,
                    areaDigits,
                    o.areaCode != null ? o.areaCode : inherited,
                    failed);
            if (rest != null) {
                rest.add(0, o);
                return rest;
            }
        }
        failed.add(key);
        return null;
    }

    /**
     * Whitespace-separated groups of a piece as {start, end, digit count}; a group without digits ("+", "cel:", "(")
     * is glued to the group after it (or before it when last), a lone dash or dot between numbers is skipped.
     */
    private static List<int[]> groups(String piece) {
        List<int[]> groups = new ArrayList<>();
        Matcher ws = WHITESPACE.matcher(piece);
        int pos = 0;
        int pendingStart = -1;
        while (pos < piece.length()) {
            int end = ws.find(pos) ? ws.start() : piece.length();
            int next = end < piece.length() ? ws.end() : piece.length();
            int d = countDigits(piece, pos, end);
            if (end > pos && !(d == 0 && isPunctuation(piece, pos, end))) {
                if (d == 0) {
                    if (pendingStart < 0) {
                        pendingStart = pos;
                    }
                } else {
                    groups.add(new int[] {pendingStart >= 0 ? pendingStart : pos, end, d});
                    pendingStart = -1;
                }
            }
            pos = next;
        }
        if (pendingStart >= 0 && !groups.isEmpty()) {
            groups.get(groups.size() - 1)[1] = piece.length();
        }
        return groups;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // one number

    /**
     * @param areaDigits area code from a separate column (leading zeros removed), or null
     * @param inherited  Brazilian area code of the previous number in the same cell, or null
     */
    private Outcome resolve(String source, String raw, String text, String areaDigits, String inherited) {
        boolean oxx = text.indexOf('x') >= 0 || text.indexOf('X') >= 0
                ? OXX.matcher(text).find()
                : false;
        boolean plus = startsWithPlus(text);
        String digits = digitsOf(text);
        String early = earlyReason(digits);
        if (early != null) {
            return Outcome.invalid(source, raw, early);
        }
        Attempt a = interpret(plus, digits, null);
        if (!a.valid && !plus) {
            if (areaDigits != null && digits.length() <= 9) {
                // the number column has no area code of its own: the area code column gives it
                if (regionCountryCode == BR_CC && !BR_AREA_CODES.contains(areaDigits)) {
                    return Outcome.invalid(source, raw, "invalid area code " + areaDigits);
                }
                a = interpret(false, areaDigits + digits, null);
            } else if (inherited != null && (digits.length() == 8 || digits.length() == 9) && digits.charAt(0) != '0') {
                // "(11) 98765-4321 / 3456-7890": the second number takes the first one's area code
                a = interpret(
                        true, BR_CC + inherited + digits, "area code " + inherited + " taken from previous number");
            }
        }
        if (a.number != null && placeholder(a)) {
            return Outcome.invalid(source, raw, "all the same digit");
        }
        if (!a.valid) {
            return Outcome.invalid(source, raw, a.error != null ? a.error : reason(a));
        }
        String nsn = a.nsn;
        int cc = a.number.getCountryCode();
        String notes = a.notes;
        if (oxx && notes != null) {
            notes = notes.replace("trunk prefix 0 removed", "carrier prefix 0xx removed");
        }
        PhoneType type = TYPES.get(a.type);
        String area = null;
        if (cc == BR_CC
                && nsn.length() >= 10
                && (type.mayBeMobile() || type == PhoneType.FIXED_LINE)
                && BR_AREA_CODES.contains(nsn.substring(0, 2))) {
            area = nsn.substring(0, 2);
        }
        PhoneCandidate c =
                new PhoneCandidate(source, raw, UTIL.format(a.number, PhoneNumberFormat.E164), nsn, type, notes, null);
        return new Outcome(c, area);
    }

    /** "+91 99999 99999", "(11) 99999-9999": the national number, or a Brazilian subscriber number, is one digit. */
    private static boolean placeholder(Attempt a) {
        return a.nsn.length() >= MIN_SAME_DIGITS && allSame(a.nsn, 0)
                || a.number.getCountryCode() == BR_CC && a.nsn.length() >= 10 && allSame(a.nsn, 2);
    }

    private static String earlyReason(String digits) {
        if (digits.isEmpty()) {
            return "not a phone number";
        }
        if (digits.length() < MIN_DIGITS) {
            return "too short";
        }
        if (digits.length() > MAX_DIGITS) {
            return "too long";
        }
        if (digits.length() >= MIN_SAME_DIGITS && allSame(digits, 0)) {
            return "all the same digit";
        }
        return null;
    }

    /** libphonenumber's reading, then the Brazilian repairs when that reading is not valid. */
    private Attempt interpret(boolean plus, String digits, String note) {
        Attempt a = parse(plus, digits, note);
        if (a.valid) {
            return legacySeven(a);
        }
        Attempt r = ninthDigit(a);
        if (r != null) {
            return r;
        }
        if (!plus && regionCountryCode == BR_CC) {
            // 0 + carrier code libphonenumber does not know + DDD + 8/9 digits (e.g. 0 17 11 98765 4321)
            if ((digits.length() == 13 || digits.length() == 14)
                    && digits.charAt(0) == '0'
                    && BR_AREA_CODES.contains(digits.substring(3, 5))) {
                Attempt c = parse(
                        true,
                        BR_CC + digits.substring(3),
                        join(note, "carrier prefix " + digits.substring(0, 3) + " removed"));
                r = c.valid ? legacySeven(c) : ninthDigit(c);
                if (r != null) {
                    return r;
                }
            }
            // 0055: libphonenumber reads 00 + carrier 55 + country code; in a Brazilian file it is +55
            if (digits.startsWith("0055") && digits.length() >= 14) {
                Attempt c = parse(true, digits.substring(2), note);
                r = c.valid ? legacySeven(c) : ninthDigit(c);
                if (r != null) {
                    return r;
                }
            }
        }
        return a;
    }

    /** Legacy 8-digit Brazilian mobile (DDD + [6-9]xxxxxxx): insert the 9 when that gives a valid mobile. */
    private Attempt ninthDigit(Attempt a) {
        if (a.number == null || a.number.getCountryCode() != BR_CC || a.nsn.length() != 10) {
            return null;
        }
        char first = a.nsn.charAt(2);
        if (first < '6' || first > '9' || !BR_AREA_CODES.contains(a.nsn.substring(0, 2))) {
            return null;
        }
        Attempt r = parse(
                true, BR_CC + a.nsn.substring(0, 2) + "9" + a.nsn.substring(2), join(a.notes, "ninth digit added"));
        return r.type == PhoneNumberType.MOBILE ? r : null;
    }

    /**
     * A Brazilian 8-digit number starting with 7 after its area code: libphonenumber still reads it as a mobile (its
     * metadata keeps the old radio-trunking range, 9.0.43: every DDD, 70-79), but that network closed in 2018 and such
     * a number in a debtor file is a legacy mobile from before the ninth digit. Repaired like the 6/8/9 ones (noted),
     * unless the spec keeps them as written.
     */
    private Attempt legacySeven(Attempt a) {
        if (!ninthDigitFor7
                || a.number == null
                || a.number.getCountryCode() != BR_CC
                || a.nsn.length() != 10
                || a.nsn.charAt(2) != '7'
                || a.type != PhoneNumberType.MOBILE
                || !BR_AREA_CODES.contains(a.nsn.substring(0, 2))) {
            return a;
        }
        Attempt r = parse(
                true, BR_CC + a.nsn.substring(0, 2) + "9" + a.nsn.substring(2), join(a.notes, "ninth digit added"));
        return r.type == PhoneNumberType.MOBILE ? r : a;
    }

    private Attempt parse(boolean plus, String digits, String note) {
        PhoneNumber n;
        try {
            n = UTIL.parseAndKeepRawInput(plus ? "+" + digits : digits, region);
        } catch (NumberParseException e) {
            return new Attempt(null, null, PhoneNumberType.UNKNOWN, note, reason(e));
        }
        String nsn = UTIL.getNationalSignificantNumber(n);
        // isValidNumber(n) is exactly getNumberType(n) != UNKNOWN in libphonenumber; matching the type once saves time
        return new Attempt(n, nsn, UTIL.getNumberType(n), join(note, prefixNote(n, digits, nsn)), null);
    }

    /** Names what libphonenumber stripped between the country code and the national number. */
    private static String prefixNote(PhoneNumber n, String digits, String nsn) {
        String national;
        switch (n.getCountryCodeSource()) {
            case FROM_DEFAULT_COUNTRY:
                national = digits;
                break;
            case FROM_NUMBER_WITH_PLUS_SIGN:
            case FROM_NUMBER_WITHOUT_PLUS_SIGN:
                national = digits.substring(Integer.toString(n.getCountryCode()).length());
                break;
            default:
                return null;
        }
        if (national.length() <= nsn.length() || !national.endsWith(nsn)) {
            return null;
        }
        String prefix = national.substring(0, national.length() - nsn.length());
        if (n.hasPreferredDomesticCarrierCode()
                && !n.getPreferredDomesticCarrierCode().isEmpty()) {
            return "carrier prefix " + prefix + " removed";
        }
        String trunk = UTIL.getNddPrefixForRegion(UTIL.getRegionCodeForCountryCode(n.getCountryCode()), true);
        if (prefix.equals(trunk)) {
            return "trunk prefix " + prefix + " removed";
        }
        return "prefix " + prefix + " removed";
    }

    private String reason(Attempt a) {
        PhoneNumber n = a.number;
        switch (UTIL.isPossibleNumberWithReason(n)) {
            case TOO_SHORT:
                return "too short";
            case TOO_LONG:
                return "too long";
            case INVALID_LENGTH:
                return "invalid length";
            case INVALID_COUNTRY_CODE:
                return "invalid country code";
            default:
                break;
        }
        if (n.getCountryCode() == BR_CC) {
            if (a.nsn.length() <= 9) {
                return "no area code";
            }
            String ddd = a.nsn.substring(0, 2);
            if (!BR_AREA_CODES.contains(ddd)) {
                return "invalid area code " + ddd;
            }
        }
        return "not a valid number for " + UTIL.getRegionCodeForCountryCode(n.getCountryCode());
    }

    private static String reason(NumberParseException e) {
        switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE:
                return "invalid country code";
            case TOO_LONG:
                return "too long";
            case NOT_A_NUMBER:
                return "not a phone number";
            default:
                return "too short";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // text helpers

    /** Trims and turns no-break and other Unicode spaces into plain spaces. */
    private static String cleanCell(String value) {
        String v = value;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\uFEFF') {
                v = v.replace('\u00A0', ' ')
                        .replace('\u2007', ' ')
                        .replace('\u202F', ' ')
                        .replace("\uFEFF", "");
                break;
            }
        }
        return v.strip();
    }

    /**
     * Digits of a whole cell written by a spreadsheet ("1.1987654321E10", "11987654321.0"), "" when the scientific
     * notation lost digits, null when the cell is not in such a notation.
     */
    private static String decodeSpreadsheet(String cell) {
        int len = cell.length();
        if (len < 3
                || !Character.isDigit(cell.charAt(0))
                || !Character.isDigit(cell.charAt(len - 1))
                || cell.indexOf('.') < 0 && cell.indexOf(',') < 0 && cell.indexOf('E') < 0 && cell.indexOf('e') < 0) {
            return null;
        }
        Matcher m = ZERO_DECIMALS.matcher(cell);
        if (m.matches()) {
            return m.group(1);
        }
        m = SCIENTIFIC.matcher(cell);
        if (!m.matches()) {
            return null;
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        int exponent = Integer.parseInt(m.group(3));
        BigDecimal value = new BigDecimal(m.group(1) + "." + fraction + "E" + exponent);
        if (value.stripTrailingZeros().scale() > 0) {
            return null; // not an integer: leave it to the normal path
        }
        String digits = value.toBigIntegerExact().toString();
        if (1 + fraction.length() <= EXCEL_ROUNDED_DIGITS && digits.length() > 7) {
            return "";
        }
        return digits;
    }

    private static boolean startsWithPlus(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '\uFF0B') {
                return true;
            }
            if (Character.isDigit(c)) {
                return false;
            }
        }
        return false;
    }

    private static String digitsOf(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c > 127 && Character.isDigit(c)) {
                sb.append((char) ('0' + Character.digit(c, 10)));
            }
        }
        return sb.toString();
    }

    private static int countDigits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isPunctuation(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if ("-\u2013\u2014.:".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigit(String s) {
        return countDigits(s, 0, s.length()) > 0;
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allSame(String digits, int from) {
        for (int i = from + 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(from)) {
                return false;
            }
        }
        return digits.length() > from;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }

    /** One reading of a digit string by libphonenumber (number null when it could not parse; error says why). */
    private static final class Attempt {
        final PhoneNumber number;
        final String nsn;
        final PhoneNumberType type;
        final boolean valid;
        final String notes;
        final String error;

        Attempt(PhoneNumber number, String nsn, PhoneNumberType type, String notes, String error) {
            this.number = number;
            this.nsn = nsn;
            this.type = type;
            this.valid = type != PhoneNumberType.UNKNOWN;
            this.notes = notes;
            this.error = error;
        }
    }

    /** A candidate plus the Brazilian area code the next number of the same cell may inherit. */
    private static final class Outcome {
        final PhoneCandidate candidate;
        final String areaCode;

        Outcome(PhoneCandidate candidate, String areaCode) {
            this.candidate = candidate;
            this.areaCode = areaCode;
        }

        static Outcome invalid(String source, String raw, String reason) {
            return new Outcome(PhoneCandidate.invalid(source, raw, reason), null);
        }

        boolean valid() {
            return candidate.valid();
        }
    }
}
