package io.dialready.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Masks phone numbers for logs (LGPD / DPDP: numbers are personal data). {@code "+5511987654321"} becomes
 * {@code "+5511*****4321"}: the country code and the next two digits (Brazil's DDD, India's first digits) and the last
 * four digits stay, everything in between becomes a star. Numbers with fewer than ten national digits show no leading
 * digits (and fewer than eight show only two trailing digits), so at least four digits are always hidden. A value
 * without a leading '+' is treated as national digits only.
 */
public final class PhoneMask {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int HEAD = 2;
    private static final int TAIL = 4;

    private PhoneMask() {}

    public static String mask(String e164) {
        if (e164 == null) {
            return null;
        }
        String digits = e164.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return e164.isBlank() ? e164 : "***";
        }
        boolean plus = e164.strip().startsWith("+");
        int cc = plus ? countryCodeLength(digits) : 0;
        int national = digits.length() - cc;
        // ten or more national digits: 2 + stars + 4 (at least 4 hidden); shorter numbers show less
        int head = national >= 10 ? HEAD : 0;
        int tail = national >= 8 ? TAIL : national >= 4 ? 2 : 0;
        int stars = national - head - tail;
        StringBuilder sb = new StringBuilder(digits.length() + 1);
        if (plus) {
            sb.append('+');
        }
        sb.append(digits, 0, cc + head);
        sb.append("*".repeat(stars));
        sb.append(digits, digits.length() - tail, digits.length());
        return sb.toString();
    }

    /** Length of the E.164 country code (1 to 3 digits) that libphonenumber knows, 0 when none. */
    private static int countryCodeLength(String digits) {
        for (int len = 1; len <= 3 && len < digits.length(); len++) {
            if (UTIL.getSupportedCallingCodes().contains(Integer.parseInt(digits.substring(0, len)))) {
                return len;
            }
        }
        return 0;
    }
}
