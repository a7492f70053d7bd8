package io.dialready.output.dialer;

import io.dialready.calling.CallingRules;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Reject;
import io.dialready.output.CsvLineFormatter;
import io.dialready.output.FormulaGuard;
import io.dialready.output.campaign.CampaignText;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpec.Profile;
import java.time.LocalDate;
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

    /** The web loader's standard lead layout, in its field order. */
    public static final List<String> VICIDIAL_FIELDS = VicidialLeads.WEB_FIELDS;

    /** Genesys Cloud takes at most 10 phone columns in a contact list (and 50 columns in all). */
    public static final int GENESYS_MAX_PHONE_COLUMNS = 10;

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
    private CallingRules rules;
    private LocalDate windowDate = LocalDate.now(java.time.ZoneOffset.UTC);
    private VicidialLeads vicidialLeads;

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

    /**
     * Adds the time-zone, region and window columns (per-debtor, Genesys) and the date their windows are for (the
     * run's as-of date); the VICIdial time-zone codes are those of that date. Null rules: only the date.
     */
    public ProfileLines withCallingRules(CallingRules callingRules, LocalDate asOf) {
        this.rules = callingRules;
        this.windowDate = asOf;
        return this;
    }

    /** The date the VICIdial time-zone codes and the windows are for. */
    public ProfileLines asOf(LocalDate asOf) {
        this.windowDate = asOf;
        return this;
    }

    public boolean any() {
        return !out.profiles().isEmpty();
    }

    /**
     * The header line of a profile's file; null when the file has none (VICIdial's loaders read every line).
     * {@code windows}: the spec has calling rules (time-zone, region and window columns).
     */
    public static String header(Profile profile, JobSpec.Output out, boolean windows) {
        int n = out.phoneColumns();
        List<String> h = new ArrayList<>();
        switch (profile) {
            case PER_DEBTOR -> {
                h.addAll(List.of("debtor_key", "name", "segment", "priority", "phones"));
                if (windows) {
                    h.add("window_date");
                }
                for (int i = 1; i <= n; i++) {
                    h.addAll(List.of("phone" + i, "phone" + i + "_type", "phone" + i + "_whatsapp"));
                    if (windows) {
                        h.addAll(List.of("phone" + i + "_timezone", "phone" + i + "_window"));
                    }
                }
                return new CsvLineFormatter(out.delimiter()).format(h.toArray(String[]::new));
            }
            case GENESYS -> {
                h.addAll(List.of("contact_id", "name", "segment", "priority"));
                if (windows) {
                    h.add("window_date");
                }
                for (String kind : new String[] {"cell", "home"}) {
                    for (int i = 1; i <= n; i++) {
                        h.addAll(List.of(kind + i, kind + i + "_timezone"));
                        if (windows) {
                            h.add(kind + i + "_region");
                        }
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
        List<VicidialLeads.Lead> leads = vicidial ? vicidialLeads().leads(d, notes) : List.of();
        for (Profile p : out.profiles()) {
            switch (p) {
                case PER_DEBTOR -> lines.put(p, perDebtor(d));
                case GENESYS -> lines.put(p, genesys(d));
                case VICIDIAL -> lines.put(p, join(leads, l -> VicidialLeads.webLine(l, comma)));
                case VICIDIAL_PIPE -> lines.put(p, join(leads, VicidialLeads::pipeLine));
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
        vicidialLeads().leads(d, notes);
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
        if (rules != null) {
            f.add(windowDate.toString());
        }
        for (int i = 0; i < out.phoneColumns(); i++) {
            if (i < d.phones().size()) {
                RankedPhone p = d.phones().get(i);
                f.addAll(List.of(
                        p.phone().e164(),
                        p.phone().type().name(),
                        p.lookup().status().name()));
                if (rules != null) {
                    PhoneTimeZones.Zone z = zones.of(p.phone().e164());
                    f.add(z.timeZone() == null ? "" : z.timeZone());
                    f.add(rules.windowOn(windowDate, z.region(), z.state()));
                }
            } else {
                f.addAll(List.of("", "", ""));
                if (rules != null) {
                    f.addAll(List.of("", ""));
                }
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
        if (rules != null) {
            f.add(windowDate.toString());
        }
        GenesysPhones.columns(d.phones(), out.phoneColumns(), zones, rules != null, f);
        return comma.format(f.toArray(String[]::new));
    }

    private VicidialLeads vicidialLeads() {
        if (vicidialLeads == null) {
            vicidialLeads = new VicidialLeads(out.vicidial(), zones, out.neutraliseFormulas(), windowDate);
        }
        return vicidialLeads;
    }

    private String join(List<VicidialLeads.Lead> leads, java.util.function.Function<VicidialLeads.Lead, String> line) {
        StringBuilder sb = new StringBuilder();
        for (VicidialLeads.Lead lead : leads) {
            if (!sb.isEmpty()) {
                sb.append(lineSeparator);
            }
            sb.append(line.apply(lead));
        }
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
