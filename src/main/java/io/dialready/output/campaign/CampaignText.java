package io.dialready.output.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/** Pure helpers of the campaign files: amounts as the country writes them, SMS segments, wa.me links. */
public final class CampaignText {

    /** GSM 03.38 basic character set (one septet each). */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** GSM 03.38 extension table (escape + septet: two each). */
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    /** An SMS's encoding and how many segments (parts) it is sent as. */
    public record Sms(String encoding, int length, int segments) {}

    private CampaignText() {}

    /**
     * GSM-7 when every character is in the GSM 03.38 table (extension characters count two), else UCS-2 (UTF-16 code
     * units). One segment holds 160 GSM-7 / 70 UCS-2 characters; a longer text is split into segments of 153 / 67
     * (the rest carries the concatenation header).
     */
    public static Sms sms(String text) {
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
            }
        }
        if (gsm) {
            return new Sms("GSM-7", septets, septets <= 160 ? 1 : (septets + 152) / 153);
        }
        int units = text.length();
        return new Sms("UCS-2", units, units <= 70 ? 1 : (units + 66) / 67);
    }

    /** https://wa.me/<digits>?text=<the text, percent-encoded (spaces as %20)>. */
    public static String waLink(String businessDigits, String text) {
        return "https://wa.me/" + businessDigits + "?text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** R$ 1.234,56 (BR), ₹1,23,456.00 (IN, lakh grouping), $1,234.56 (US), else "EUR 1,234.56"; "" for none. */
    public static String amount(BigDecimal amount, String country) {
        if (amount == null) {
            return "";
        }
        BigDecimal a = amount.setScale(2, RoundingMode.HALF_UP);
        switch (country) {
            case "BR": {
                DecimalFormat f =
                        new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("pt-BR")));
                return "R$ " + f.format(a);
            }
            case "IN":
                return "₹" + indian(a);
            case "US":
                return "$" + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(a);
            default: {
                String code;
                try {
                    code = Currency.getInstance(
                                    new Locale.Builder().setRegion(country).build())
                            .getCurrencyCode();
                } catch (IllegalArgumentException e) {
                    code = "";
                }
                String n = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(a);
                return code.isEmpty() ? n : code + " " + n;
            }
        }
    }

    /** Indian grouping: the last three digits, then groups of two (1,23,45,678.90). */
    private static String indian(BigDecimal a) {
        String plain = a.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = plain.substring(0, dot);
        StringBuilder sb = new StringBuilder();
        int n = whole.length();
        if (n <= 3) {
            sb.append(whole);
        } else {
            String head = whole.substring(0, n - 3);
            int first = head.length() % 2 == 0 ? 2 : 1;
            sb.append(head, 0, first);
            for (int i = first; i < head.length(); i += 2) {
                sb.append(',').append(head, i, i + 2);
            }
            sb.append(',').append(whole.substring(n - 3));
        }
        return (a.signum() < 0 ? "-" : "") + sb + plain.substring(dot);
    }
}
