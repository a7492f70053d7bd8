package io.dialready.calling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The calling rules file (jobs/calling-rules.yml): per country a default window and, optionally, per state
 * (Brazilian UF) windows that replace it. A window is {@code "HH:mm-HH:mm"} local to the phone, or {@code closed}
 * (also when the day is left out) for no calls that day. A country missing from the file gets the file's
 * {@code default} entry, or no window at all (empty columns) when there is none.
 */
public final class CallingRules {

    /** The windows of one place; each is "08:00-20:00" or "closed". */
    public record Windows(String weekdays, String saturday, String sunday) {

        public static final Windows NONE = new Windows("", "", "");
    }

    public static final String CLOSED = "closed";

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("H:mm");

    record RawDays(String weekdays, String saturday, String sunday) {}

    record RawCountry(RawDays all, Map<String, RawDays> states) {}

    record RawRules(RawDays defaults, Map<String, RawCountry> countries) {}

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Windows fallback;
    private final Map<String, Windows> countries = new LinkedHashMap<>();
    private final Map<String, Windows> states = new LinkedHashMap<>();

    private CallingRules(Windows fallback) {
        this.fallback = fallback;
    }

    /** Loads and checks a rules file; a problem is an {@link IllegalArgumentException} naming the file and key. */
    public static CallingRules load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("calling rules " + file + " cannot be read: " + e.getMessage(), e);
        }
        RawRules raw;
        try {
            raw = MAPPER.readValue(text, RawRules.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("calling rules " + file + ": " + e.getOriginalMessage(), e);
        }
        if (raw == null) {
            throw new IllegalArgumentException("calling rules " + file + " is empty");
        }
        String where = "calling rules " + file + ": ";
        CallingRules rules =
                new CallingRules(raw.defaults() == null ? Windows.NONE : windows(raw.defaults(), where + "defaults"));
        if (raw.countries() != null) {
            raw.countries().forEach((country, c) -> {
                String cc = country.toUpperCase(Locale.ROOT);
                String key = where + "countries." + country;
                if (c == null || c.all() == null) {
                    throw new IllegalArgumentException(key + ".all is required");
                }
                rules.countries.put(cc, windows(c.all(), key + ".all"));
                if (c.states() != null) {
                    c.states()
                            .forEach((state, days) -> rules.states.put(
                                    cc + "-" + state.toUpperCase(Locale.ROOT),
                                    windows(days, key + ".states." + state)));
                }
            });
        }
        return rules;
    }

    private static Windows windows(RawDays d, String key) {
        if (d == null) {
            return new Windows(CLOSED, CLOSED, CLOSED);
        }
        return new Windows(
                window(d.weekdays(), key + ".weekdays"),
                window(d.saturday(), key + ".saturday"),
                window(d.sunday(), key + ".sunday"));
    }

    static String window(String value, String key) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase(CLOSED)) {
            return CLOSED;
        }
        String[] parts = value.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                LocalTime from = LocalTime.parse(parts[0], HOURS);
                LocalTime to = LocalTime.parse(parts[1], HOURS);
                if (from.isBefore(to)) {
                    return from + "-" + to;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                key + " must be HH:mm-HH:mm (start before end) or closed, not '" + value + "'");
    }

    /** The windows for a phone in this region (ISO code, may be null) and state (Brazilian UF, may be null). */
    public Windows windows(String region, String state) {
        if (region == null) {
            return fallback;
        }
        if (state != null) {
            Windows w = states.get(region + "-" + state);
            if (w != null) {
                return w;
            }
        }
        return countries.getOrDefault(region, fallback);
    }
}
