package io.dialready.output.dialer;

import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Reject;
import io.dialready.output.CsvLineFormatter;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.spec.JobSpec;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A debtor's VICIdial leads, for both of VICIdial's loaders (read in VICIdial svn r3884):
 *
 * <ul>
 *   <li>the web loader ({@code www/vicidial/admin_listloader_fourth_gen.php}, "standard format", lines 2746-2773):
 *       25 fields, {@code rank} and {@code owner} last;
 *   <li>the command-line loader ({@code bin/VICIDIAL_IN_new_leads_file.pl --format=stdrankowner}, lines
 *       1417-1456): 29 fields, {@code called_count}, {@code status} and {@code entry_date} after {@code comments}
 *       (left empty: the loader then sets 0, NEW and the load time, lines 1445-1447), {@code rank} and {@code owner}
 *       27th and 28th, {@code multi-alt-entries} 29th (empty).
 * </ul>
 *
 * <p>{@code owner} carries the phone's time-zone code ({@code FNT}, {@code BRT}, {@code AMT}, {@code ACT} for
 * Brazil's UTC-2 to UTC-5) for the loaders' owner-time-zone-code lookup, the only one VICIdial applies to a country
 * other than 1 and 52 at load time ({@code functions.php lookup_gmt()} lines 617-645; the command-line loader's
 * {@code --time-zone-code-gmt}, lines 2482-2514). A lead holds only phones of one state and zone, since VICIdial
 * gives a lead one {@code gmt_offset_now} and one {@code state} for all its numbers ({@code AST_VDhopper.pl} line
 * 2003); a debtor with more than three phones, or with phones in several states or zones, gets one lead per phone.
 * Not thread-safe.
 */
public final class VicidialLeads {

    /** The web loader's standard layout, in its field order. */
    public static final List<String> WEB_FIELDS = List.of(
            "vendor_lead_code",
            "source_code",
            "list_id",
            "phone_code",
            "phone_number",
            "title",
            "first_name",
            "middle_initial",
            "last_name",
            "address1",
            "address2",
            "address3",
            "city",
            "state",
            "province",
            "postal_code",
            "country",
            "gender",
            "date_of_birth",
            "alt_phone",
            "email",
            "security_phrase",
            "comments",
            "rank",
            "owner");

    /** The command-line loader's {@code stdrankowner} layout ({@code --help}, lines 208-210), in its field order. */
    public static final List<String> STDRANKOWNER_FIELDS;

    static {
        List<String> f = new ArrayList<>(WEB_FIELDS.subList(0, 23));
        f.addAll(List.of("called_count", "status", "entry_date", "rank", "owner", "multi-alt-entries"));
        STDRANKOWNER_FIELDS = List.copyOf(f);
    }

    /** VICIdial time-zone codes ({@code vicidial_phone_codes.tz_code}, 4 characters at most) by UTC offset. */
    static final Map<ZoneOffset, String> BRAZIL_ZONE_CODES = Map.of(
            ZoneOffset.ofHours(-2), "FNT",
            ZoneOffset.ofHours(-3), "BRT",
            ZoneOffset.ofHours(-4), "AMT",
            ZoneOffset.ofHours(-5), "ACT");

    /** One lead: the web loader's 25 fields (the command-line loader's 29 are made from them). */
    public record Lead(String[] fields) {}

    private final JobSpec.Vicidial settings;
    private final PhoneTimeZones zones;
    private final boolean guardFormulas;
    private final LocalDate asOf;

    public VicidialLeads(JobSpec.Vicidial settings, PhoneTimeZones zones, boolean guardFormulas, LocalDate asOf) {
        this.settings = settings;
        this.zones = zones;
        this.guardFormulas = guardFormulas;
        this.asOf = asOf;
    }

    /**
     * VICIdial's own safe form of a value: line breaks, tabs and {@code |} become spaces (field separators to both
     * loaders; {@code sheet2tab.pl} does the same), {@code " \ ; `} are dropped (the web loader drops them,
     * {@code $field_regx} line 216 and {@code sheet2tab.pl scrub_lead_field}, and the command-line loader would put a
     * {@code "} or {@code \} straight into its SQL string), and a value a spreadsheet would run as a formula
     * ({@code = + - @}) gets a leading {@code \} instead of {@code '}: VICIdial keeps a {@code '} (the loaders allow
     * single quotes since 150312) but removes the {@code \} (the web loader's {@code stripslashes} and
     * {@code sheet2tab.pl}; MySQL drops the backslash of {@code \=} in the command-line loader's double-quoted
     * INSERT), so VICIdial stores the value as the CRM has it.
     */
    public static String safe(String value, boolean guardFormulas) {
        String s = value == null ? "" : value.replaceAll("[\\r\\n\\t|]+", " ").replaceAll("[\"\\\\;`]", "");
        if (guardFormulas && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            return "\\" + s;
        }
        return s;
    }

    /** The debtor's leads; cut fields and left-out phones go to {@code notes}. */
    public List<Lead> leads(RankedDebtor d, List<Reject> notes) {
        long line = d.debtor().line();
        String code = settings.vendorLeadCode().equals("document") && d.debtor().document() != null
                ? d.debtor().document()
                : d.debtor().key();
        String name = safe(d.debtor().name(), false).trim();
        int space = name.indexOf(' ');
        String[] base = new String[WEB_FIELDS.size()];
        Arrays.fill(base, "");
        base[0] = cut(code, 20, "vicidial.vendor_lead_code", line, notes);
        base[1] = safe(settings.sourceCode(), false);
        base[2] = Long.toString(settings.listId());
        base[6] = cut(space < 0 ? name : name.substring(0, space), 30, "vicidial.first_name", line, notes);
        base[8] = cut(space < 0 ? "" : name.substring(space + 1).trim(), 30, "vicidial.last_name", line, notes);
        base[23] = Integer.toString(Math.min(9999, d.priority()));
        List<RankedPhone> phones = d.phones();
        List<Lead> leads = new ArrayList<>();
        if (phones.size() <= 3 && sameStateAndZone(phones)) {
            String[] lead = lead(base, phones.get(0));
            lead[22] = comment(d, phones);
            addAlternates(lead, phones, line, notes);
            leads.add(new Lead(lead));
        } else {
            for (RankedPhone p : phones) {
                String[] lead = lead(base, p);
                lead[22] = comment(d, List.of(p));
                leads.add(new Lead(lead));
            }
        }
        return leads;
    }

    private String[] lead(String[] base, RankedPhone p) {
        String[] lead = base.clone();
        PhoneTimeZones.Zone z = zones.of(p.phone().e164());
        lead[3] = countryCode(p);
        lead[4] = p.phone().national();
        lead[13] = z.state() == null ? "" : z.state();
        lead[16] = z.region() == null ? "" : z.region();
        lead[24] = zoneCode(z);
        return lead;
    }

    /** alt_phone, then address3 (VICIdial dials them after phone_number); never the same number twice. */
    private static void addAlternates(String[] lead, List<RankedPhone> phones, long line, List<Reject> notes) {
        List<String> used = new ArrayList<>(List.of(lead[4]));
        int[] slots = {19, 11};
        int slot = 0;
        for (RankedPhone p : phones.subList(1, phones.size())) {
            String national = p.phone().national();
            if (used.contains(national)) {
                continue;
            }
            if (!countryCode(p).equals(lead[3])) {
                notes.add(new Reject(
                        line,
                        "vicidial.alt_phone",
                        p.phone().e164(),
                        "left out of the VICIdial lead: another country code than phone_number"));
                continue;
            }
            if (slots[slot] == 19 && national.length() > 12) {
                notes.add(new Reject(
                        line,
                        "vicidial.alt_phone",
                        p.phone().e164(),
                        "left out of the VICIdial lead: alt_phone takes at most 12 digits"));
                continue;
            }
            lead[slots[slot++]] = national;
            used.add(national);
        }
    }

    private boolean sameStateAndZone(List<RankedPhone> phones) {
        PhoneTimeZones.Zone first = zones.of(phones.get(0).phone().e164());
        for (RankedPhone p : phones) {
            PhoneTimeZones.Zone z = zones.of(p.phone().e164());
            if (!java.util.Objects.equals(z.state(), first.state())
                    || !zoneCode(z).equals(zoneCode(first))) {
                return false;
            }
        }
        return true;
    }

    /** The lead's VICIdial time-zone code: Brazil's four, by the zone's offset on the run's date; else empty. */
    String zoneCode(PhoneTimeZones.Zone z) {
        if (!"BR".equals(z.region()) || z.timeZone() == null) {
            return "";
        }
        ZoneOffset offset = ZoneId.of(z.timeZone()).getRules().getOffset(asOf.atTime(LocalTime.NOON));
        return BRAZIL_ZONE_CODES.getOrDefault(offset, "");
    }

    private String cut(String value, int max, String column, long line, List<Reject> notes) {
        String s = safe(value, false);
        if (s.length() > max) {
            notes.add(new Reject(line, column, s, "cut to " + max + " characters for VICIdial"));
            s = s.substring(0, max);
        }
        return guardFormulas ? safe(s, true) : s;
    }

    /** No {@code ;} (the web loader drops it) nor {@code ,}: "segment 0-30 whatsapp INACTIVE/SKIPPED". */
    private static String comment(RankedDebtor d, List<RankedPhone> phones) {
        StringBuilder sb =
                new StringBuilder("segment ").append(d.segment().label()).append(" whatsapp ");
        for (int i = 0; i < phones.size(); i++) {
            sb.append(i == 0 ? "" : "/").append(phones.get(i).lookup().status().name());
        }
        return sb.toString();
    }

    private static String countryCode(RankedPhone p) {
        String e164 = p.phone().e164();
        return e164.substring(1, e164.length() - p.phone().national().length());
    }

    /** The web loader's line: 25 fields, {@code ,}-separated, RFC 4180 quoting. */
    public static String webLine(Lead lead, CsvLineFormatter comma) {
        return comma.format(lead.fields());
    }

    /** The command-line loader's line: the 29 {@code stdrankowner} fields, {@code |}-separated, no quoting. */
    public static String pipeLine(Lead lead) {
        String[] f = lead.fields();
        String[] out = new String[STDRANKOWNER_FIELDS.size()];
        System.arraycopy(f, 0, out, 0, 23);
        out[23] = "";
        out[24] = "";
        out[25] = "";
        out[26] = f[23];
        out[27] = f[24];
        out[28] = "";
        return String.join("|", out);
    }
}
