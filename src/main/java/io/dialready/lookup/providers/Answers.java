package io.dialready.lookup.providers;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer map of one check: every number asked starts UNKNOWN (a number the provider leaves out stays UNKNOWN,
 * never INACTIVE), and each item of the provider's answer is matched back to the number asked by its echo field.
 * Providers echo digits without '+', and for a Brazilian mobile may echo the other form of the ninth digit
 * (55 DD 9XXXXXXXX against 55 DD XXXXXXXX): an exact echo wins, the ninth-digit twin is taken only for a number that no
 * exact echo answered.
 */
final class Answers {

    private final Map<String, String> askedByDigits = new HashMap<>();
    private final Map<String, LookupResult> results = new LinkedHashMap<>();
    private final Set<String> exact = new HashSet<>();

    Answers(List<String> asked) {
        for (String e164 : asked) {
            results.put(e164, LookupResult.UNKNOWN);
            askedByDigits.put(onlyDigits(e164), e164);
        }
    }

    /**
     * Records the provider's answer for the number it echoes (a jid or digits, with or without '+'). An echo that
     * matches no number asked is ignored.
     */
    void answer(String echo, LookupResult result) {
        if (echo == null || result == null) {
            return;
        }
        String d = onlyDigits(stripJid(echo));
        String asked = askedByDigits.get(d);
        if (asked != null) {
            results.put(asked, result);
            exact.add(asked);
            return;
        }
        String twin = ninthDigitTwin(d);
        asked = twin == null ? null : askedByDigits.get(twin);
        if (asked != null && !exact.contains(asked) && results.get(asked).status() == WhatsAppStatus.UNKNOWN) {
            results.put(asked, result);
        }
    }

    Map<String, LookupResult> results() {
        return results;
    }

    /**
     * ACTIVE with the registered form taken from the first of the provider's fields that holds a phone (a phone jid or
     * digits). When the provider gives none (only a LID, {@code ...@lid}, or nothing at all), the registered form is
     * left empty: it is never guessed from the number asked, which may not be the form WhatsApp knows.
     */
    static LookupResult active(String... registered) {
        for (String r : registered) {
            String id = registeredDigits(r);
            if (id != null) {
                return new LookupResult(WhatsAppStatus.ACTIVE, id);
            }
        }
        return new LookupResult(WhatsAppStatus.ACTIVE, null);
    }

    static LookupResult inactive() {
        return new LookupResult(WhatsAppStatus.INACTIVE, null);
    }

    /**
     * The digits of a registered form: {@code 5511987654321@s.whatsapp.net}, {@code 5511987654321@c.us},
     * {@code 5511987654321:12@s.whatsapp.net} (a device suffix) or plain digits; null for a jid that is no phone
     * ({@code @lid}, {@code @g.us}) or no digits at all.
     */
    static String registeredDigits(String jid) {
        if (jid == null || jid.isBlank()) {
            return null;
        }
        String s = jid.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            String server = s.substring(at + 1);
            if (!server.equals("s.whatsapp.net") && !server.equals("c.us")) {
                return null;
            }
            s = s.substring(0, at);
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(0, colon);
        }
        String d = onlyDigits(s);
        return d.length() < 7 ? null : d;
    }

    private static String stripJid(String echo) {
        int at = echo.indexOf('@');
        String s = at >= 0 ? echo.substring(0, at) : echo;
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }

    static String onlyDigits(String s) {
        return s.replaceAll("\\D", "");
    }

    /** 55 DD 9 XXXXXXXX and 55 DD XXXXXXXX (an old mobile's first digit is 6-9) map to each other; else null. */
    static String ninthDigitTwin(String d) {
        if (!d.startsWith("55")) {
            return null;
        }
        if (d.length() == 13 && d.charAt(4) == '9') {
            return d.substring(0, 4) + d.substring(5);
        }
        if (d.length() == 12 && d.charAt(4) >= '6') {
            return d.substring(0, 4) + '9' + d.substring(4);
        }
        return null;
    }
}
