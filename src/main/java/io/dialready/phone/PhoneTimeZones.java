package io.dialready.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IANA time zone of a valid number. Brazil: the area code (DDD) gives the state and the state its zone, from
 * {@code br-ddd-zones.csv} (no daylight saving since 2019; Fernando de Noronha shares DDD 81 and gets Pernambuco's
 * zone, except its fixed lines the geocoder places on the island, which get America/Noronha, UTC-2). India: Asia/Kolkata. Other countries: libphonenumber's time-zone mapper (its first zone when it names several, old names such as
 * Asia/Calcutta given their current name; none when it does not know). Thread-safe.
 */
public final class PhoneTimeZones {

    /** Where a number is: its region (ISO 3166, "BR"), its state for Brazil (else null), its zone (null if unknown). */
    public record Zone(String region, String state, String timeZone) {}

    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    /** Old tz names libphonenumber's mapper still answers with, and their current names. */
    private static final Map<String, String> RENAMED = Map.of(
            "Asia/Calcutta",
            "Asia/Kolkata",
            "Asia/Saigon",
            "Asia/Ho_Chi_Minh",
            "Asia/Katmandu",
            "Asia/Kathmandu",
            "Asia/Rangoon",
            "Asia/Yangon",
            "Europe/Kiev",
            "Europe/Kyiv",
            "Atlantic/Faeroe",
            "Atlantic/Faroe",
            "America/Godthab",
            "America/Nuuk");

    private record BrArea(String state, String zone) {}

    /** UTC-2, the fourth Brazilian offset: the Fernando de Noronha archipelago (PE), dialled through DDD 81. */
    static final String NORONHA = "America/Noronha";

    private final Map<String, BrArea> brazil;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();
    private final Map<String, Zone> cache = new ConcurrentHashMap<>();

    public PhoneTimeZones() {
        this.brazil = loadBrazil();
    }

    private static Map<String, BrArea> loadBrazil() {
        Map<String, BrArea> map = new HashMap<>();
        try (InputStream in = PhoneTimeZones.class.getResourceAsStream("br-ddd-zones.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                map.put(f[0].trim(), new BrArea(f[1].trim(), f[2].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }

    /** The zone of a number in E.164 ("+5511987654321"); a zone with null fields when it cannot be parsed. */
    public Zone of(String e164) {
        Zone z = cache.get(e164);
        if (z == null) {
            z = compute(e164);
            if (cache.size() < 100_000) {
                cache.put(e164, z);
            }
        }
        return z;
    }

    /**
     * Whether a DDD 81 number is on Fernando de Noronha: libphonenumber's geocoder places its fixed-line prefixes
     * (81 3619) there. A mobile number tells nothing of where it is used, so it keeps Pernambuco's zone. (The time-zone
     * mapper is no help: it answers America/Noronha for every DDD 81 number.)
     */
    private static boolean isFernandoDeNoronha(PhoneNumber number, String national) {
        if (!national.startsWith("81")) {
            return false;
        }
        String place = PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(number, Locale.ENGLISH);
        return place.startsWith("Fernando de Noronha");
    }

    private Zone compute(String e164) {
        PhoneNumber number;
        try {
            number = util.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return new Zone(null, null, null);
        }
        String region = util.getRegionCodeForNumber(number);
        if (number.getCountryCode() == 55) {
            String national = util.getNationalSignificantNumber(number);
            BrArea area = national.length() >= 2 ? brazil.get(national.substring(0, 2)) : null;
            if (area != null) {
                if (isFernandoDeNoronha(number, national)) {
                    return new Zone("BR", area.state(), NORONHA);
                }
                return new Zone("BR", area.state(), area.zone());
            }
            return new Zone("BR", null, null);
        }
        if (number.getCountryCode() == 91) {
            // one zone for the whole country, whatever the number's type or the mapper's prefix data
            return new Zone("IN", null, "Asia/Kolkata");
        }
        List<String> zones = mapper.getTimeZonesForNumber(number);
        String zone = zones.isEmpty() || zones.get(0).equals(UNKNOWN) ? null : zones.get(0);
        if (zone != null) {
            zone = RENAMED.getOrDefault(zone, zone);
        }
        return new Zone(region, null, zone);
    }
}
