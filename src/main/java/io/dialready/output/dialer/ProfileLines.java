package io.dialready.output.dialer;

import io.dialready.domain.PhoneType;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Reject;
import io.dialready.output.CsvLineFormatter;
import io.dialready.output.FormulaGuard;
import io.dialready.output.campaign.CampaignText;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpec.Profile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one ranked debtor's lines for each extra dialer profile (per-debtor, VICIdial CSV and pipe, Genesys), to be
 * staged with the debtor and streamed in dialer order later. VICIdial fields are cut to the lengths its
 * {@code vicidial_list} table takes, each cut reported as a reject note. Not thread-safe (one per writer).
 */
public final class ProfileLines {

    /** VICIdial's standard lead layout, in its field order. */
    public static final List<String> VICIDIAL_FIELDS = List.of(
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

    /** One debtor's rendered lines per profile (joined by the line separator) and the notes about cut fields. */
    public record Rendered(Map<Profile, String> lines, List<Reject> notes) {}

    private final JobSpec.Output out;
    private final PhoneTimeZones zones;
    private final String lineSeparator;
    private final CsvLineFormatter csv;
    private final CsvLineFormatter comma = new CsvLineFormatter(',');
    private final boolean vicidial;
    private final FormulaGuard guard;

    private final String country;
    private final java.time.format.DateTimeFormatter dates;

    public ProfileLines(JobSpec.Output out, PhoneTimeZones zones) {
        this(out, zones, "BR", "dd/MM/yyyy");
    }

    /** @param country the spec's country (amount format), {@code dateFormat} the spec's date format (due dates) */
    public ProfileLines(JobSpec.Output out, PhoneTimeZones zones, String country, String dateFormat) {
        this.country = country;
        this.dates = java.time.format.DateTimeFormatter.ofPattern(dateFormat);
        this.out = out;
        this.zones = zones;
        this.lineSeparator = out.lineSeparator();
        this.csv = new CsvLineFormatter(out.delimiter());
        this.vicidial =
                out.profiles().contains(Profile.VICIDIAL) || out.profiles().contains(Profile.VICIDIAL_PIPE);
        this.guard = FormulaGuard.of(out.neutraliseFormulas());
    }

    public boolean any() {
        return !out.profiles().isEmpty();
    }

    /** The header line of a profile's file; null when the file has none (VICIdial's loaders read every line). */
    public static String header(Profile profile, JobSpec.Output out) {
        int n = out.phoneColumns();
        List<String> h = new ArrayList<>();
        switch (profile) {
            case PER_DEBTOR -> {
                h.addAll(List.of("debtor_key", "name", "segment", "priority", "phones"));
                for (int i = 1; i <= n; i++) {
                    h.addAll(List.of("phone" + i, "phone" + i + "_type", "phone" + i + "_whatsapp"));
                }
                return new CsvLineFormatter(out.delimiter()).format(h.toArray(String[]::new));
            }
            case GENESYS -> {
                h.addAll(List.of("contact_id", "name", "segment", "priority"));
                for (String kind : new String[] {"cell", "home"}) {
                    for (int i = 1; i <= n; i++) {
                        h.addAll(List.of(kind + i, kind + i + "_timezone"));
                    }
                }
                return new CsvLineFormatter(',').format(h.toArray(String[]::new));
            }
            case WHATSAPP_CAMPAIGN -> {
                return new CsvLineFormatter(out.delimiter())
                        .format(
                                "debtor_key",
                                "whatsapp_number",
                                "template",
                                "param_name",
                                "param_amount",
                                "param_days_overdue",
                                "param_due_date");
            }
            case SMS_OPTIN -> {
                return new CsvLineFormatter(out.delimiter())
                        .format("debtor_key", "phone", "sms_text", "sms_encoding", "sms_segments", "wa_link");
            }
            default -> {
                return null;
            }
        }
    }

    public Rendered render(RankedDebtor d) {
        Map<Profile, String> lines = new EnumMap<>(Profile.class);
        List<Reject> notes = new ArrayList<>();
        List<String[]> leads = vicidial ? vicidialLeads(d, notes) : List.of();
        for (Profile p : out.profiles()) {
            switch (p) {
                case PER_DEBTOR -> lines.put(p, perDebtor(d));
                case GENESYS -> lines.put(p, genesys(d));
                case VICIDIAL -> lines.put(p, join(leads, comma));
                case VICIDIAL_PIPE -> lines.put(p, pipe(leads));
                case WHATSAPP_CAMPAIGN -> lines.put(p, whatsappCampaign(d));
                case SMS_OPTIN -> lines.put(p, smsOptin(d));
            }
        }
        return new Rendered(lines, notes);
    }

    /**
     * The notes {@link #render} makes about the debtor (VICIdial fields cut to their lengths), for the rejects file;
     * empty without a VICIdial profile.
     */
    public List<Reject> notes(RankedDebtor d) {
        if (!vicidial) {
            return List.of();
        }
        List<Reject> notes = new ArrayList<>();
        vicidialLeads(d, notes);
        return notes;
    }

    /** The debtor's best number when it has an active WhatsApp account (ranked first), else null. */
    private static RankedPhone active(RankedDebtor d) {
        return d.hasActiveWhatsApp() ? d.phones().get(0) : null;
    }

    private String fill(String template, RankedDebtor d) {
        String name = nz(d.debtor().name()).trim();
        int space = name.indexOf(' ');
        return template.replace("{name}", name)
                .replace("{first_name}", space < 0 ? name : name.substring(0, space))
                .replace("{key}", d.debtor().key())
                .replace("{amount}", CampaignText.amount(d.debtor().amount(), country))
                .replace(
                        "{days_overdue}",
                        d.debtor().daysOverdue() == null
                                ? ""
                                : d.debtor().daysOverdue().toString())
                .replace(
                        "{due_date}",
                        d.debtor().dueDate() == null
                                ? ""
                                : dates.format(d.debtor().dueDate()));
    }

    /** null (no line) without an active number or without a template for the debtor's segment. */
    private String whatsappCampaign(RankedDebtor d) {
        RankedPhone p = active(d);
        String template = p == null
                ? null
                : out.campaigns().whatsappTemplates().get(d.segment().label());
        if (template == null) {
            return null;
        }
        String id = p.lookup().whatsappId();
        String number = id == null || id.isEmpty() ? p.phone().e164().substring(1) : id;
        return csv.format(
                guard.cell(d.debtor().key()),
                number,
                template,
                guard.cell(nz(d.debtor().name()).trim()),
                CampaignText.amount(d.debtor().amount(), country),
                d.debtor().daysOverdue() == null ? "" : d.debtor().daysOverdue().toString(),
                d.debtor().dueDate() == null ? "" : dates.format(d.debtor().dueDate()));
    }

    private String smsOptin(RankedDebtor d) {
        RankedPhone p = active(d);
        if (p == null) {
            return null;
        }
        JobSpec.SmsOptin sms = out.campaigns().sms();
        String link = CampaignText.waLink(sms.businessDigits(), fill(sms.whatsappText(), d));
        String text = fill(sms.text(), d).replace("{link}", link);
        CampaignText.Sms counted = CampaignText.sms(text);
        return csv.format(
                guard.cell(d.debtor().key()),
                p.phone().e164(),
                guard.cell(text),
                counted.encoding(),
                Integer.toString(counted.segments()),
                link);
    }

    private String perDebtor(RankedDebtor d) {
        List<String> f = new ArrayList<>();
        f.addAll(List.of(
                guard.cell(d.debtor().key()),
                guard.cell(nz(d.debtor().name())),
                d.segment().label(),
                Integer.toString(d.priority()),
                Integer.toString(d.phones().size())));
        for (int i = 0; i < out.phoneColumns(); i++) {
            if (i < d.phones().size()) {
                RankedPhone p = d.phones().get(i);
                f.addAll(List.of(
                        p.phone().e164(),
                        p.phone().type().name(),
                        p.lookup().status().name()));
            } else {
                f.addAll(List.of("", "", ""));
            }
        }
        return csv.format(f.toArray(String[]::new));
    }

    private String genesys(RankedDebtor d) {
        List<String> f = new ArrayList<>(List.of(
                guard.cell(d.debtor().key()),
                guard.cell(nz(d.debtor().name())),
                d.segment().label(),
                Integer.toString(d.priority())));
        List<RankedPhone> cells = new ArrayList<>();
        List<RankedPhone> homes = new ArrayList<>();
        for (RankedPhone p : d.phones()) {
            PhoneType t = p.phone().type();
            (t == PhoneType.MOBILE || t == PhoneType.FIXED_LINE_OR_MOBILE ? cells : homes).add(p);
        }
        for (List<RankedPhone> kind : List.of(cells, homes)) {
            for (int i = 0; i < out.phoneColumns(); i++) {
                if (i < kind.size()) {
                    String e164 = kind.get(i).phone().e164();
                    String tz = zones.of(e164).timeZone();
                    f.add(e164);
                    f.add(tz == null ? "" : tz);
                } else {
                    f.add("");
                    f.add("");
                }
            }
        }
        return comma.format(f.toArray(String[]::new));
    }

    /**
     * Up to three phones in one lead (phone_number, alt_phone, address3); more than three: one lead per phone, tied by
     * vendor_lead_code, in rank order.
     */
    private List<String[]> vicidialLeads(RankedDebtor d, List<Reject> notes) {
        JobSpec.Vicidial v = out.vicidial();
        long line = d.debtor().line();
        String code = v.vendorLeadCode().equals("document") && d.debtor().document() != null
                ? d.debtor().document()
                : d.debtor().key();
        code = cut(guard.cell(clean(code)), 20, "vicidial.vendor_lead_code", line, notes);
        String name = clean(nz(d.debtor().name())).trim();
        int space = name.indexOf(' ');
        String first =
                cut(guard.cell(space < 0 ? name : name.substring(0, space)), 30, "vicidial.first_name", line, notes);
        String last = cut(
                guard.cell(space < 0 ? "" : name.substring(space + 1).trim()), 30, "vicidial.last_name", line, notes);
        List<RankedPhone> phones = d.phones();
        RankedPhone main = phones.get(0);
        String countryCode = countryCode(main);
        String[] base = new String[25];
        java.util.Arrays.fill(base, "");
        base[0] = code;
        base[1] = v.sourceCode();
        base[2] = Long.toString(v.listId());
        base[6] = first;
        base[8] = last;
        PhoneTimeZones.Zone z = zones.of(main.phone().e164());
        base[13] = z.state() == null ? "" : z.state();
        base[16] = z.region() == null ? "" : z.region();
        base[23] = Integer.toString(Math.min(9999, d.priority()));
        List<String[]> leads = new ArrayList<>();
        if (phones.size() <= 3) {
            String[] lead = base.clone();
            lead[3] = countryCode;
            lead[4] = main.phone().national();
            lead[22] = comment(d, phones);
            List<String> used = new ArrayList<>(List.of(main.phone().national()));
            int[] slots = {19, 11}; // alt_phone, then address3
            int slot = 0;
            for (RankedPhone p : phones.subList(1, phones.size())) {
                String national = p.phone().national();
                if (used.contains(national)) {
                    continue; // never the same number twice in one lead
                }
                if (!countryCode(p).equals(countryCode)) {
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
            leads.add(lead);
        } else {
            for (RankedPhone p : phones) {
                String[] lead = base.clone();
                lead[3] = countryCode(p);
                lead[4] = p.phone().national();
                PhoneTimeZones.Zone pz = zones.of(p.phone().e164());
                lead[13] = pz.state() == null ? "" : pz.state();
                lead[16] = pz.region() == null ? "" : pz.region();
                lead[22] = comment(d, List.of(p));
                leads.add(lead);
            }
        }
        return leads;
    }

    private static String comment(RankedDebtor d, List<RankedPhone> phones) {
        StringBuilder sb =
                new StringBuilder("segment ").append(d.segment().label()).append("; whatsapp ");
        for (int i = 0; i < phones.size(); i++) {
            sb.append(i == 0 ? "" : "/").append(phones.get(i).lookup().status().name());
        }
        return sb.toString();
    }

    private static String countryCode(RankedPhone p) {
        String e164 = p.phone().e164();
        String national = p.phone().national();
        return e164.substring(1, e164.length() - national.length());
    }

    private String join(List<String[]> leads, CsvLineFormatter f) {
        StringBuilder sb = new StringBuilder();
        for (String[] lead : leads) {
            if (!sb.isEmpty()) {
                sb.append(lineSeparator);
            }
            sb.append(f.format(lead));
        }
        return sb.toString();
    }

    /** The command-line loader's form: '|' between fields, no quoting (a '|' inside a value becomes a space). */
    private String pipe(List<String[]> leads) {
        StringBuilder sb = new StringBuilder();
        for (String[] lead : leads) {
            if (!sb.isEmpty()) {
                sb.append(lineSeparator);
            }
            for (int i = 0; i < lead.length; i++) {
                sb.append(i == 0 ? "" : "|").append(lead[i].replace('|', ' '));
            }
        }
        return sb.toString();
    }

    private static String cut(String value, int max, String column, long line, List<Reject> notes) {
        if (value.length() <= max) {
            return value;
        }
        notes.add(new Reject(line, column, value, "cut to " + max + " characters for VICIdial"));
        return value.substring(0, max);
    }

    /** Line breaks and tabs become spaces: a lead is one line. */
    private static String clean(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
