package io.dialready.calling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The holidays that can close a calling window: Brazil's national days (fixed, and the moveable ones counted from
 * Easter), each Brazilian state's days, India's national days (the built-in {@code holidays.yml} beside this class,
 * each entry with its law), and the user's municipal or company days from a CSV file. Immutable and thread-safe.
 */
public final class HolidayCalendar {

    /** Where a holiday comes from: which of the rules file's {@code closed_on} values selects it. */
    public static final String NATIONAL = "national";

    public static final String STATE = "state";
    public static final String USER = "user";

    /**
     * One holiday. {@code kind} is {@link #NATIONAL}, {@link #STATE}, {@link #USER} or a moveable day's key
     * ({@code good_friday}, {@code carnival_monday}, ...); {@code where} is the country ("BR"), the state ("BR-SP") or
     * "*" for every phone (a user day).
     */
    public record Holiday(
            String where,
            String kind,
            String name,
            String law,
            MonthDay day,
            Integer easter,
            Integer from,
            Integer until) {

        /** The holiday's date in a year, or null when it is not kept that year. */
        LocalDate in(int year) {
            if ((from != null && year < from) || (until != null && year > until)) {
                return null;
            }
            return easter != null ? easterSunday(year).plusDays(easter) : day.atYear(year);
        }
    }

    record RawDay(
            String key,
            String date,
            Integer easter,
            String name,
            String law,
            Integer from,
            Integer until,
            Boolean verified) {}

    record RawCountry(List<RawDay> national, List<RawDay> moveable, Map<String, List<RawDay>> states) {}

    record RawCalendar(Map<String, RawCountry> countries) {}

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final List<Holiday> holidays;

    private HolidayCalendar(List<Holiday> holidays) {
        this.holidays = List.copyOf(holidays);
    }

    /** The built-in calendar (national, moveable and state days), read once. */
    public static HolidayCalendar builtIn() {
        return BuiltIn.CALENDAR;
    }

    private static final class BuiltIn {
        static final HolidayCalendar CALENDAR = load();
    }

    private static HolidayCalendar load() {
        try (InputStream in = HolidayCalendar.class.getResourceAsStream("holidays.yml")) {
            if (in == null) {
                throw new IllegalStateException("holidays.yml is missing from the class path");
            }
            RawCalendar raw = MAPPER.readValue(in, RawCalendar.class);
            List<Holiday> out = new ArrayList<>();
            raw.countries().forEach((country, c) -> {
                String cc = country.toUpperCase(Locale.ROOT);
                add(out, cc, NATIONAL, c.national(), "holidays.yml " + cc + ".national");
                if (c.moveable() != null) {
                    for (RawDay d : c.moveable()) {
                        out.add(holiday(cc, d.key(), d, "holidays.yml " + cc + ".moveable"));
                    }
                }
                if (c.states() != null) {
                    c.states().forEach((uf, days) -> add(out, cc + "-" + uf, STATE, days, "holidays.yml " + uf));
                }
            });
            return new HolidayCalendar(out);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("holidays.yml cannot be read: " + e.getMessage(), e);
        }
    }

    private static void add(List<Holiday> out, String where, String kind, List<RawDay> days, String key) {
        if (days != null) {
            for (RawDay d : days) {
                out.add(holiday(where, kind, d, key));
            }
        }
    }

    private static Holiday holiday(String where, String kind, RawDay d, String key) {
        if (kind == null || d.name() == null || (d.date() == null) == (d.easter() == null)) {
            throw new IllegalStateException(key + ": every day needs a name and either date or easter (and a key)");
        }
        MonthDay day = d.date() == null ? null : MonthDay.parse(d.date(), MONTH_DAY);
        return new Holiday(where, kind, d.name(), d.law(), day, d.easter(), d.from(), d.until());
    }

    /**
     * This calendar plus the user's days from a CSV file: {@code date,where,name} a line, {@code date} as
     * {@code yyyy-MM-dd} (that day only) or {@code MM-dd} (every year), {@code where} as {@code *} (every phone),
     * a country ({@code BR}) or a Brazilian state ({@code BR-SP}); blank lines and lines starting with {@code #} are
     * skipped, and so is a first line {@code date,where,name}. A bad line is an {@link IllegalArgumentException} naming
     * the file and the line.
     */
    public HolidayCalendar withUserFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("holidays file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<Holiday> out = new ArrayList<>(holidays);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equalsIgnoreCase("date,where,name"))) {
                continue;
            }
            out.add(userDay(line, file + " line " + (i + 1)));
        }
        return new HolidayCalendar(out);
    }

    private static Holiday userDay(String line, String where) {
        String[] f = line.split(",", 3);
        if (f.length < 3 || f[2].isBlank()) {
            throw new IllegalArgumentException(
                    "holidays file " + where + ": expected date,where,name, not '" + line + "'");
        }
        String place = f[1].strip().toUpperCase(Locale.ROOT);
        if (!place.matches("\\*|[A-Z]{2}(-[A-Z]{2})?")) {
            throw new IllegalArgumentException("holidays file " + where
                    + ": where must be *, a country (BR) or a state (BR-SP), not '" + f[1] + "'");
        }
        String date = f[0].strip();
        try {
            if (date.length() == 5) {
                return new Holiday(place, USER, f[2].strip(), null, MonthDay.parse(date, MONTH_DAY), null, null, null);
            }
            LocalDate d = LocalDate.parse(date);
            return new Holiday(place, USER, f[2].strip(), null, MonthDay.from(d), null, d.getYear(), d.getYear());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "holidays file " + where + ": date must be yyyy-MM-dd or MM-dd, not '" + date + "'", e);
        }
    }

    /**
     * The holidays on a date for a phone of this region (ISO code, may be null) and state (Brazilian UF, may be null),
     * of the given kinds only; empty when none.
     */
    public List<Holiday> on(LocalDate date, String region, String state, java.util.Set<String> kinds) {
        List<Holiday> out = new ArrayList<>();
        for (Holiday h : holidays) {
            if (!kinds.contains(h.kind()) || !applies(h.where(), region, state)) {
                continue;
            }
            if (date.equals(h.in(date.getYear()))) {
                out.add(h);
            }
        }
        return out;
    }

    private static boolean applies(String where, String region, String state) {
        if (where.equals("*")) {
            return true;
        }
        if (region == null) {
            return false;
        }
        return where.equals(region) || (state != null && where.equals(region + "-" + state));
    }

    /** Every holiday of the calendar, for documentation and tests. */
    public List<Holiday> all() {
        return holidays;
    }

    /** Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
