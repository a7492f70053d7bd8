package io.dialready.calling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The calling rules file (jobs/calling-rules.yml): per country a default window and, optionally, per state
 * (Brazilian UF) windows that replace it. A window is {@code "HH:mm-HH:mm"} local to the phone, or {@code closed}
 * (also when the day is left out) for no calls that day. A country missing from the file gets the file's
 * {@code default} entry, or no window at all (empty columns) when there is none. Per country, {@code closed_on} says
 * which holidays of the {@link HolidayCalendar} close the window, {@code caps} holds the call-frequency caps the law
 * sets, and each entry cites its law ({@code law}).
 */
public final class CallingRules {

    /** The windows of one place; each is "08:00-20:00" or "closed". */
    public record Windows(String weekdays, String saturday, String sunday) {

        public static final Windows NONE = new Windows("", "", "");
    }

    public static final String CLOSED = "closed";

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("H:mm");

    /**
     * A call-frequency cap a law sets, as data: at most {@code maxCalls} calls in {@code days} days per {@code per}
     * ({@code debt}, {@code phone}, {@code debtor}); {@code maxCalls} null when the law sets no number (a ban on
     * persistent calling). The dialer enforces it: see docs/outputs.md for the setting each dialer has.
     */
    public record Cap(Integer maxCalls, Integer days, String per, String law, String note) {}

    record RawDays(String weekdays, String saturday, String sunday, String law, String source, Boolean provisional) {}

    record RawCap(Integer maxCalls, Integer days, String per, String law, String note) {}

    record RawCountry(String law, RawDays all, List<String> closedOn, List<RawCap> caps, Map<String, RawDays> states) {}

    record RawRules(RawDays defaults, Map<String, RawCountry> countries) {}

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** What closes a window when the rules file has no {@code closed_on} for the country. */
    static final Set<String> DEFAULT_CLOSED_ON =
            Set.of(HolidayCalendar.NATIONAL, HolidayCalendar.STATE, HolidayCalendar.USER);

    private final Windows fallback;
    private final Map<String, Windows> countries = new LinkedHashMap<>();
    private final Map<String, Windows> states = new LinkedHashMap<>();
    private final Map<String, String> laws = new LinkedHashMap<>();
    private final Map<String, Set<String>> closedOn = new LinkedHashMap<>();
    private final Map<String, List<Cap>> caps = new LinkedHashMap<>();
    private HolidayCalendar calendar = HolidayCalendar.builtIn();

    private CallingRules(Windows fallback) {
        this.fallback = fallback;
    }

    /** These rules with the user's holiday file (municipal and company days) added to the built-in calendar. */
    public CallingRules withUserHolidays(Path file) {
        if (file != null) {
            calendar = calendar.withUserFile(file);
        }
        return this;
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
                rules.laws.put(cc, c.all().law() != null ? c.all().law() : c.law());
                rules.closedOn.put(cc, closedOn(c.closedOn(), key + ".closed_on"));
                rules.caps.put(cc, caps(c.caps(), key + ".caps"));
                if (c.states() != null) {
                    c.states().forEach((state, days) -> {
                        String uf = cc + "-" + state.toUpperCase(Locale.ROOT);
                        rules.states.put(uf, windows(days, key + ".states." + state));
                        if (days != null) {
                            rules.laws.put(uf, days.law());
                        }
                    });
                }
            });
        }
        return rules;
    }

    private static Set<String> closedOn(List<String> values, String key) {
        if (values == null) {
            return DEFAULT_CLOSED_ON;
        }
        Set<String> known = new java.util.TreeSet<>(DEFAULT_CLOSED_ON);
        HolidayCalendar.builtIn().all().forEach(h -> known.add(h.kind()));
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String v : values) {
            String k = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(k)) {
                throw new IllegalArgumentException(key + ": unknown holiday kind '" + v + "' (known: " + known + ")");
            }
            out.add(k);
        }
        return Set.copyOf(out);
    }

    private static List<Cap> caps(List<RawCap> raw, String key) {
        if (raw == null) {
            return List.of();
        }
        List<Cap> out = new ArrayList<>();
        for (RawCap c : raw) {
            if (c == null || c.law() == null || c.law().isBlank()) {
                throw new IllegalArgumentException(key + ": every cap needs its law");
            }
            if ((c.maxCalls() == null) != (c.days() == null)
                    || (c.maxCalls() != null && c.maxCalls() < 1)
                    || (c.days() != null && c.days() < 1)) {
                throw new IllegalArgumentException(
                        key + ": max_calls and days must both be positive numbers, or both be left out");
            }
            out.add(new Cap(c.maxCalls(), c.days(), c.per(), c.law(), c.note()));
        }
        return List.copyOf(out);
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

    /**
     * The window on one local date for a phone of this region and state: that day of the week's window, or
     * {@code closed} when the date is a holiday the country's {@code closed_on} selects; empty when the phone has no
     * window at all.
     */
    public String windowOn(LocalDate date, String region, String state) {
        Windows w = windows(region, state);
        if (w.equals(Windows.NONE)) {
            return "";
        }
        if (!holidaysOn(date, region, state).isEmpty()) {
            return CLOSED;
        }
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> w.saturday();
            case SUNDAY -> w.sunday();
            default -> w.weekdays();
        };
    }

    /** The holidays on a local date that close the window of a phone of this region and state. */
    public List<HolidayCalendar.Holiday> holidaysOn(LocalDate date, String region, String state) {
        if (region == null) {
            return List.of();
        }
        Set<String> kinds = closedOn.getOrDefault(region, DEFAULT_CLOSED_ON);
        return calendar.on(date, region, state, kinds);
    }

    /** The law or regulation the file cites for the window of this region and state (null when it cites none). */
    public String law(String region, String state) {
        if (region == null) {
            return null;
        }
        if (state != null && laws.get(region + "-" + state) != null) {
            return laws.get(region + "-" + state);
        }
        return laws.get(region);
    }

    /** The call-frequency caps the file gives a country (empty when none). */
    public List<Cap> caps(String region) {
        return region == null ? List.of() : caps.getOrDefault(region, List.of());
    }
}
