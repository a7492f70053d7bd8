package io.dialready.spec;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.dialready.calling.CallingRules;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a job spec file, rejects unknown and missing keys with the key's name, and fills in the defaults.
 * Relative paths in the spec are resolved against the spec file's folder, so a spec works from any working directory
 * (cron).
 */
public final class JobSpecLoader {

    /** The lookup providers, documented in docs/providers.md. */
    public static final Set<String> PROVIDERS = Set.of("sandbox", "evolution", "zapi", "waha", "wppconnect", "onprem");
    /** The providers that can tell whether a number has a profile photo. */
    public static final Set<String> PHOTO_PROVIDERS = Set.of("sandbox", "evolution", "zapi", "wppconnect");

    public static final Set<String> INPUT_FORMATS = Set.of("csv", "xlsx", "xls");
    public static final Set<String> OUTPUT_FORMATS = Set.of("csv", "xlsx", "both");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a key written twice (country: BR, and later country: US) is a mistake, not "the last one wins"
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    // The YAML as written: every field nullable so that "missing" can be told from "default".
    record RawSpec(
            String name,
            String country,
            RawInput input,
            RawColumns columns,
            List<RawPhone> phones,
            RawLookup lookup,
            RawOutput output,
            RawRun run,
            String callingRules,
            String callingHolidays,
            RawSuppression suppression,
            Boolean sharedNumbers,

            @com.fasterxml.jackson.annotation.JsonProperty("ninth_digit_for_7")
            Boolean ninthDigitFor7,

            RawCampaigns campaigns) {}

    record RawInput(
            String path,
            String format,
            String encoding,
            String delimiter,
            Boolean header,
            String sheet,
            Integer headerRow,
            RawJdbc jdbc) {}

    record RawJdbc(
            String url,
            String user,
            String passwordEnv,
            String table,
            String query,
            String keyColumn,
            Integer pageSize) {}

    record RawJdbcOutput(String url, String user, String passwordEnv, String phonesTable, String debtorsTable) {}

    record RawColumns(
            String key,
            String name,
            String document,
            String amount,
            String dueDate,
            String daysOverdue,
            String dateFormat,
            String decimalSeparator) {}

    record RawPhone(String column, String ddd, String number, Boolean multiple) {}

    record RawLookup(
            String provider,
            RawSandbox sandbox,
            Boolean checkFixedLines,
            Boolean dryRun,
            Integer batchSize,
            Integer concurrency,
            Integer cacheTtlDays,
            Integer negativeTtlDays,
            Boolean confirmNegatives,
            Integer timeoutMs,
            RawRetries retries,
            RawCircuitBreaker circuitBreaker,
            RawPhotos photos,
            List<RawAccount> accounts) {}

    record RawAccount(
            String name,
            String baseUrl,
            String instance,
            String tokenEnv,
            String clientTokenEnv,
            String usernameEnv,
            String passwordEnv,
            String rate,
            Integer burst,
            Integer jitterMs,
            Long dailyQuota) {}

    record RawRetries(Integer maxAttempts, Integer initialBackoffMs, Integer maxBackoffMs) {}

    record RawCircuitBreaker(Integer failures, Integer openSeconds) {}

    record RawPhotos(java.math.BigDecimal minAmount) {}

    record RawSandbox(Double activeShare, Integer latencyMs, Long seed, Double legacyFormShare) {}

    record RawOutput(
            String dir,
            String encoding,
            String delimiter,
            String lineSeparator,
            String format,
            List<String> profiles,
            Integer phoneColumns,
            RawVicidial vicidial,
            RawJdbcOutput jdbc,
            Boolean neutraliseFormulas) {}

    record RawVicidial(Long listId, String sourceCode, String vendorLeadCode) {}

    record RawCampaigns(RawWhatsAppCampaign whatsapp, RawSmsOptin smsOptin) {}

    record RawWhatsAppCampaign(java.util.Map<String, String> templates) {}

    record RawSmsOptin(String businessNumber, String text, String whatsappText) {}

    record RawSuppression(List<String> doNotCall, List<String> debtorKeys) {}

    record RawRun(Integer chunkSize, Integer threads, Integer maxRejectedPercent) {}

    public JobSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobSpecException("job spec " + file + " does not exist");
        } catch (IOException e) {
            throw new JobSpecException("job spec " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toAbsolutePath().normalize());
    }

    public JobSpec parse(String yaml, Path specFile) {
        if (yaml.isBlank()) {
            throw new JobSpecException(specFile + ": the job spec is empty");
        }
        RawSpec raw;
        try {
            raw = MAPPER.readValue(yaml, RawSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw new JobSpecException(specFile + ": unknown key '" + path + "'" + known(e));
        } catch (tools.jackson.core.exc.StreamReadException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate ")) {
                String name = e.getOriginalMessage().replaceAll("^[^\"']*[\"']([^\"']*)[\"'].*$", "$1");
                String parent = path(e);
                String key = parent.isEmpty() ? name : parent + "." + name;
                String line = e.getLocation() != null && e.getLocation().getLineNr() > 0
                        ? " (line " + e.getLocation().getLineNr() + ")"
                        : "";
                throw new JobSpecException(specFile + ": duplicate key '" + key + "'" + line
                        + ": each key may be written once (which value was meant?)");
            }
            throw invalid(specFile, e);
        } catch (JacksonException e) {
            throw invalid(specFile, e);
        }
        if (raw == null) {
            throw new JobSpecException(specFile + ": the job spec is empty");
        }
        return new Validator(specFile).validate(raw);
    }

    private static JobSpecException invalid(Path specFile, JacksonException e) {
        {
            String path = path(e);
            String where = path.isEmpty() ? "" : " at key '" + path + "'";
            String line = e.getLocation() != null && e.getLocation().getLineNr() > 0
                    ? " (line " + e.getLocation().getLineNr() + ")"
                    : "";
            return new JobSpecException(specFile + ": invalid YAML" + where + line + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A value as a message shows it: line breaks and other control characters written as escapes. */
    static String visible(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default ->
                    b.append(Character.isISOControl(c) ? String.format(java.util.Locale.ROOT, "\\u%04X", (int) c) : c);
            }
        }
        return b.toString();
    }

    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        e.getKnownPropertyIds().forEach(id -> names.add(String.valueOf(id)));
        names.sort(null);
        return " (known keys here: " + String.join(", ", names) + ")";
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Checks one raw spec; every message starts with the spec file and names the key. */
    private static final class Validator {

        private final Path specFile;
        private final Path baseDir;

        Validator(Path specFile) {
            this.specFile = specFile;
            this.baseDir = specFile.getParent() == null ? Path.of("").toAbsolutePath() : specFile.getParent();
        }

        private JobSpecException error(String key, String problem) {
            return new JobSpecException(specFile + ": key '" + key + "' " + problem);
        }

        private String required(String value, String key) {
            if (value == null || value.isBlank()) {
                throw error(key, "is required");
            }
            return value.trim();
        }

        private static String optional(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        JobSpec validate(RawSpec raw) {
            String name = optional(raw.name());
            if (name == null) {
                String file = specFile.getFileName().toString();
                name = file.replaceFirst("\\.ya?ml$", "");
            }
            String country = required(raw.country(), "country").toUpperCase(Locale.ROOT);
            if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(country)) {
                throw error("country", "must be an ISO 3166 region code such as BR or IN, not '" + raw.country() + "'");
            }
            if (raw.input() == null) {
                throw error("input", "is required");
            }
            JobSpec.Input input = input(raw.input());
            if (raw.columns() == null) {
                throw error("columns", "is required");
            }
            JobSpec.Columns columns = columns(raw.columns(), country);
            if (raw.phones() == null || raw.phones().isEmpty()) {
                throw error("phones", "is required: list at least one phone source (column, or ddd + number)");
            }
            List<JobSpec.PhoneSource> phones = new ArrayList<>();
            for (int i = 0; i < raw.phones().size(); i++) {
                phones.add(phone(raw.phones().get(i), "phones[" + i + "]"));
            }
            JobSpec.Lookup lookup = lookup(raw.lookup());
            JobSpec.Output output = campaigns(output(raw.output()), raw.campaigns(), country);
            if (raw.output() != null && raw.output().jdbc() != null) {
                output = new JobSpec.Output(
                        output.dir(),
                        output.encoding(),
                        output.delimiter(),
                        output.lineSeparator(),
                        output.format(),
                        output.profiles(),
                        output.phoneColumns(),
                        output.vicidial(),
                        output.campaigns(),
                        jdbcOutput(raw.output().jdbc(), input.jdbc()),
                        output.neutraliseFormulas());
            }
            JobSpec.Run run = run(raw.run());
            Path callingRules = callingRules(raw.callingRules());
            return new JobSpec(
                    specFile,
                    name,
                    country,
                    input,
                    columns,
                    List.copyOf(phones),
                    lookup,
                    output,
                    run,
                    callingRules,
                    suppression(raw.suppression()),
                    Boolean.TRUE.equals(raw.sharedNumbers()),
                    !Boolean.FALSE.equals(raw.ninthDigitFor7()),
                    callingHolidays(raw.callingHolidays(), callingRules));
        }

        private JobSpec.Output campaigns(JobSpec.Output out, RawCampaigns c, String country) {
            if (c == null) {
                return out;
            }
            if (c.whatsapp() == null && c.smsOptin() == null) {
                throw error("campaigns", "must have whatsapp, sms_optin or both");
            }
            List<JobSpec.Profile> profiles = new ArrayList<>(out.profiles());
            java.util.Map<String, String> templates = null;
            if (c.whatsapp() != null) {
                java.util.Map<String, String> t = c.whatsapp().templates();
                if (t == null) {
                    throw error("campaigns.whatsapp.templates", "is required: a template name per segment");
                }
                templates = new java.util.LinkedHashMap<>();
                for (String seg : List.of("0-30", "31-90", "90+")) {
                    String name = t.get(seg) == null ? null : optional(t.get(seg));
                    if (name == null) {
                        throw error("campaigns.whatsapp.templates." + seg, "is required");
                    }
                    templates.put(seg, name);
                }
                for (String seg : t.keySet()) {
                    if (!templates.containsKey(seg) && !seg.equals("unknown")) {
                        throw error(
                                "campaigns.whatsapp.templates." + seg, "is not a segment (0-30, 31-90, 90+, unknown)");
                    }
                }
                if (t.get("unknown") != null && optional(t.get("unknown")) != null) {
                    templates.put("unknown", optional(t.get("unknown")));
                }
                profiles.add(JobSpec.Profile.WHATSAPP_CAMPAIGN);
            }
            JobSpec.SmsOptin sms = null;
            if (c.smsOptin() != null) {
                String number = required(c.smsOptin().businessNumber(), "campaigns.sms_optin.business_number");
                String digits;
                try {
                    var util = PhoneNumberUtil.getInstance();
                    var parsed = util.parse(number, country);
                    if (!util.isValidNumber(parsed)) {
                        throw error("campaigns.sms_optin.business_number", "is not a valid number: '" + number + "'");
                    }
                    digits = util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164)
                            .substring(1);
                } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                    throw error("campaigns.sms_optin.business_number", "is not a phone number: '" + number + "'");
                }
                String text = required(c.smsOptin().text(), "campaigns.sms_optin.text");
                if (!text.contains("{link}")) {
                    throw error("campaigns.sms_optin.text", "must contain {link} (the wa.me click-to-chat link)");
                }
                String wa = required(c.smsOptin().whatsappText(), "campaigns.sms_optin.whatsapp_text");
                sms = new JobSpec.SmsOptin(digits, text, wa);
                profiles.add(JobSpec.Profile.SMS_OPTIN);
            }
            return new JobSpec.Output(
                    out.dir(),
                    out.encoding(),
                    out.delimiter(),
                    out.lineSeparator(),
                    out.format(),
                    List.copyOf(profiles),
                    out.phoneColumns(),
                    out.vicidial(),
                    new JobSpec.Campaigns(templates == null ? null : java.util.Map.copyOf(templates), sms),
                    out.jdbc(),
                    out.neutraliseFormulas());
        }

        private JobSpec.Suppression suppression(RawSuppression s) {
            if (s == null) {
                return null;
            }
            List<Path> dnc = files(s.doNotCall(), "suppression.do_not_call");
            List<Path> keys = files(s.debtorKeys(), "suppression.debtor_keys");
            if (dnc.isEmpty() && keys.isEmpty()) {
                throw error("suppression", "must name do_not_call files, debtor_keys files, or both");
            }
            return new JobSpec.Suppression(dnc, keys);
        }

        private List<Path> files(List<String> values, String key) {
            List<Path> out = new ArrayList<>();
            if (values == null) {
                return out;
            }
            for (int i = 0; i < values.size(); i++) {
                String v = optional(values.get(i));
                if (v == null) {
                    throw error(key + "[" + i + "]", "is empty");
                }
                Path file = baseDir.resolve(v).normalize();
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw error(key + "[" + i + "]", "names a file that does not exist or cannot be read: " + file);
                }
                out.add(file);
            }
            return List.copyOf(out);
        }

        private Path callingRules(String value) {
            String v = optional(value);
            if (v == null) {
                return null;
            }
            Path file = baseDir.resolve(v).normalize();
            try {
                CallingRules.load(file);
            } catch (IllegalArgumentException e) {
                throw error("calling_rules", "names an unusable rules file: " + e.getMessage());
            }
            return file;
        }

        private Path callingHolidays(String value, Path rules) {
            String v = optional(value);
            if (v == null) {
                return null;
            }
            if (rules == null) {
                throw error("calling_holidays", "needs calling_rules: the holidays close the calling windows");
            }
            Path file = baseDir.resolve(v).normalize();
            try {
                CallingRules.load(rules).withUserHolidays(file);
            } catch (IllegalArgumentException e) {
                throw error("calling_holidays", "names an unusable holidays file: " + e.getMessage());
            }
            return file;
        }

        private JobSpec.Connection connection(
                String url, String user, String passwordEnv, String key, JobSpec.Connection fallback) {
            String u = optional(url);
            if (u == null) {
                if (fallback == null) {
                    throw error(key + ".url", "is required (a JDBC URL such as jdbc:mysql://127.0.0.1:3306/cobranca)");
                }
                return fallback;
            }
            if (!u.startsWith("jdbc:mysql:") && !u.startsWith("jdbc:h2:")) {
                throw error(
                        key + ".url",
                        "must be a MySQL/MariaDB JDBC URL (jdbc:mysql://host:3306/database), not '"
                                + io.dialready.db.JdbcUrls.redact(u) + "'");
            }
            if (!u.equals(io.dialready.db.JdbcUrls.redact(u))) {
                throw error(
                        key + ".url",
                        "must not hold a password: name an environment variable in " + key + ".password_env");
            }
            String env = optional(passwordEnv);
            if (env != null && System.getenv(env) == null) {
                throw error(key + ".password_env", "names the environment variable " + env + ", which is not set");
            }
            return new JobSpec.Connection(u, optional(user), env);
        }

        private JobSpec.Jdbc jdbc(RawJdbc j) {
            JobSpec.Connection c = connection(j.url(), j.user(), j.passwordEnv(), "input.jdbc", null);
            String table = optional(j.table());
            String query = optional(j.query());
            if ((table == null) == (query == null)) {
                throw error(
                        "input.jdbc",
                        "must have either 'table' or 'query' (a SELECT), not " + (table == null ? "neither" : "both"));
            }
            if (table != null) {
                try {
                    io.dialready.db.Identifiers.table(table);
                } catch (IllegalArgumentException e) {
                    throw error("input.jdbc.table", e.getMessage());
                }
            }
            if (query != null) {
                String q = query.endsWith(";")
                        ? query.substring(0, query.length() - 1).strip()
                        : query;
                String head = q.toLowerCase(Locale.ROOT);
                if (!(head.startsWith("select") || head.startsWith("with")) || q.contains(";")) {
                    throw error("input.jdbc.query", "must be one SELECT statement");
                }
                query = q;
            }
            String key = required(j.keyColumn(), "input.jdbc.key_column");
            try {
                io.dialready.db.Identifiers.column(key);
            } catch (IllegalArgumentException e) {
                throw error("input.jdbc.key_column", e.getMessage());
            }
            int page = j.pageSize() == null ? 1000 : j.pageSize();
            if (page < 1 || page > 100_000) {
                throw error("input.jdbc.page_size", "must be between 1 and 100000, not " + page);
            }
            return new JobSpec.Jdbc(c, table, query, key, page);
        }

        private JobSpec.JdbcOutput jdbcOutput(RawJdbcOutput o, JobSpec.Jdbc source) {
            JobSpec.Connection c = connection(
                    o.url(), o.user(), o.passwordEnv(), "output.jdbc", source == null ? null : source.connection());
            String phones = optional(o.phonesTable());
            String debtors = optional(o.debtorsTable());
            phones = phones == null ? "dialready_phones" : phones;
            debtors = debtors == null ? "dialready_debtors" : debtors;
            for (String[] t :
                    new String[][] {{"output.jdbc.phones_table", phones}, {"output.jdbc.debtors_table", debtors}}) {
                try {
                    io.dialready.db.Identifiers.table(t[1]);
                } catch (IllegalArgumentException e) {
                    throw error(t[0], e.getMessage());
                }
            }
            if (phones.equalsIgnoreCase(debtors)) {
                throw error("output.jdbc.debtors_table", "must differ from output.jdbc.phones_table");
            }
            return new JobSpec.JdbcOutput(c, phones, debtors);
        }

        private JobSpec.Input input(RawInput in) {
            if (in.jdbc() != null) {
                if (optional(in.path()) != null
                        || optional(in.format()) != null
                        || optional(in.sheet()) != null
                        || in.headerRow() != null
                        || optional(in.encoding()) != null
                        || optional(in.delimiter()) != null) {
                    throw error(
                            "input.jdbc",
                            "reads a database: leave out input.path, format, encoding, delimiter,"
                                    + " sheet and header_row");
                }
                return new JobSpec.Input(null, "jdbc", null, null, true, null, null, jdbc(in.jdbc()));
            }
            Path path = baseDir.resolve(required(in.path(), "input.path")).normalize();
            String format = optional(in.format());
            if (format != null) {
                format = format.toLowerCase(Locale.ROOT);
                if (!INPUT_FORMATS.contains(format)) {
                    throw error("input.format", "must be csv, xlsx or xls, not '" + format + "'");
                }
            }
            String sheet = optional(in.sheet());
            Integer headerRow = in.headerRow();
            if (headerRow != null && (headerRow < 1 || headerRow > 1_048_576)) {
                throw error("input.header_row", "must be a row number from 1 to 1048576, not " + headerRow);
            }
            String encoding = charset(in.encoding(), "input.encoding", true);
            Character delimiter = delimiter(in.delimiter(), "input.delimiter", true);
            boolean header = in.header() == null || in.header();
            if (!header) {
                throw error("input.header", "must be true: columns are mapped by their header names");
            }
            return new JobSpec.Input(path, format, encoding, delimiter, header, sheet, headerRow);
        }

        private String charset(String value, String key, boolean autoAllowed) {
            String v = optional(value);
            if (v == null || (autoAllowed && v.equalsIgnoreCase("auto"))) {
                return autoAllowed ? null : "UTF-8";
            }
            try {
                return Charset.forName(v).name();
            } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
                throw error(
                        key,
                        "names an unknown encoding '" + v + "' (use UTF-8, windows-1252, ISO-8859-1"
                                + (autoAllowed ? " or auto" : "") + ")");
            }
        }

        private Character delimiter(String value, String key, boolean autoAllowed) {
            if (value == null || value.isEmpty() || (autoAllowed && value.equalsIgnoreCase("auto"))) {
                return autoAllowed ? null : ',';
            }
            if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
                return '\t';
            }
            // a letter, digit, quote, line break or other control character cannot delimit a field
            if (value.length() != 1
                    || Character.isLetterOrDigit(value.charAt(0))
                    || value.charAt(0) == '"'
                    || (Character.isISOControl(value.charAt(0)) && value.charAt(0) != '\t')) {
                throw error(key, "must be one character such as ';' ',' '|' or tab, not '" + visible(value) + "'");
            }
            return value.charAt(0);
        }

        private JobSpec.Columns columns(RawColumns c, String country) {
            String key = required(c.key(), "columns.key");
            String dateFormat = optional(c.dateFormat());
            if (dateFormat == null) {
                dateFormat = switch (country) {
                    case "BR", "IN" -> "dd/MM/yyyy";
                    case "US" -> "MM/dd/yyyy";
                    default -> "yyyy-MM-dd";
                };
            }
            try {
                var unused = DateTimeFormatter.ofPattern(dateFormat); // only checks the pattern
            } catch (IllegalArgumentException e) {
                throw error("columns.date_format", "is not a valid date pattern: " + e.getMessage());
            }
            String sep = optional(c.decimalSeparator());
            char decimal;
            if (sep == null) {
                decimal = country.equals("BR") ? ',' : '.';
            } else if (sep.equals(",") || sep.equals(".")) {
                decimal = sep.charAt(0);
            } else {
                throw error("columns.decimal_separator", "must be ',' or '.', not '" + sep + "'");
            }
            return new JobSpec.Columns(
                    key,
                    optional(c.name()),
                    optional(c.document()),
                    optional(c.amount()),
                    optional(c.dueDate()),
                    optional(c.daysOverdue()),
                    dateFormat,
                    decimal);
        }

        private JobSpec.PhoneSource phone(RawPhone p, String key) {
            if (p == null) {
                throw error(key, "is empty: give a column, or ddd and number");
            }
            String column = optional(p.column());
            String ddd = optional(p.ddd());
            String number = optional(p.number());
            if (column != null && (ddd != null || number != null)) {
                throw error(key, "must have either 'column' or 'ddd' + 'number', not both");
            }
            if (column == null && ddd != null && number == null) {
                throw error(key + ".number", "is required with 'ddd'");
            }
            if (column == null && number == null) {
                throw error(key + ".column", "is required (or give ddd + number)");
            }
            if (column == null && ddd == null) {
                throw error(key + ".ddd", "is required with 'number' (for a single column use 'column')");
            }
            boolean multiple = p.multiple() == null || p.multiple();
            return new JobSpec.PhoneSource(column, ddd, number, multiple);
        }

        private JobSpec.Lookup lookup(RawLookup l) {
            if (l == null) {
                l = new RawLookup(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            }
            String provider = optional(l.provider());
            provider = provider == null ? "sandbox" : provider.toLowerCase(Locale.ROOT);
            if (!PROVIDERS.contains(provider)) {
                throw error(
                        "lookup.provider",
                        "names an unknown provider '" + provider + "' (known: "
                                + String.join(", ", new java.util.TreeSet<>(PROVIDERS)) + ")");
            }
            RawSandbox s = l.sandbox() == null ? new RawSandbox(null, null, null, null) : l.sandbox();
            double share = s.activeShare() == null ? 0.6 : s.activeShare();
            if (share < 0 || share > 1) {
                throw error("lookup.sandbox.active_share", "must be between 0 and 1, not " + share);
            }
            int latency = s.latencyMs() == null ? 0 : s.latencyMs();
            if (latency < 0) {
                throw error("lookup.sandbox.latency_ms", "must not be negative");
            }
            double legacy = s.legacyFormShare() == null ? 0.1 : s.legacyFormShare();
            if (legacy < 0 || legacy > 1) {
                throw error("lookup.sandbox.legacy_form_share", "must be between 0 and 1, not " + legacy);
            }
            int batch = l.batchSize() == null ? 500 : l.batchSize();
            if (batch < 1) {
                throw error("lookup.batch_size", "must be at least 1");
            }
            int concurrency = between(
                    l.concurrency(),
                    JobSpec.Lookup.DEFAULT_CONCURRENCY,
                    1,
                    JobSpec.Lookup.MAX_CONCURRENCY,
                    "lookup.concurrency");
            int ttlDays = between(
                    l.cacheTtlDays(), (int) JobSpec.Lookup.DEFAULT_CACHE_TTL.toDays(), 0, 365, "lookup.cache_ttl_days");
            // a negative never outlives a positive: by default the shorter of 2 days and the positive TTL
            int negativeDays = between(
                    l.negativeTtlDays(),
                    (int) Math.min(JobSpec.Lookup.DEFAULT_NEGATIVE_CACHE_TTL.toDays(), ttlDays),
                    0,
                    ttlDays,
                    "lookup.negative_ttl_days");
            int timeoutMs = between(
                    l.timeoutMs(), (int) JobSpec.Lookup.DEFAULT_TIMEOUT.toMillis(), 100, 600_000, "lookup.timeout_ms");
            JobSpec.Retries retries = JobSpec.Retries.DEFAULT;
            if (l.retries() != null) {
                RawRetries r = l.retries();
                int attempts = between(r.maxAttempts(), retries.maxAttempts(), 1, 20, "lookup.retries.max_attempts");
                int initial = between(
                        r.initialBackoffMs(),
                        (int) retries.initialBackoff().toMillis(),
                        1,
                        3_600_000,
                        "lookup.retries.initial_backoff_ms");
                int max = between(
                        r.maxBackoffMs(),
                        (int) retries.maxBackoff().toMillis(),
                        initial,
                        3_600_000,
                        "lookup.retries.max_backoff_ms");
                retries = new JobSpec.Retries(
                        attempts, java.time.Duration.ofMillis(initial), java.time.Duration.ofMillis(max));
            }
            JobSpec.CircuitBreaker breaker = JobSpec.CircuitBreaker.DEFAULT;
            if (l.circuitBreaker() != null) {
                RawCircuitBreaker b = l.circuitBreaker();
                breaker = new JobSpec.CircuitBreaker(
                        between(b.failures(), breaker.failures(), 1, 10_000, "lookup.circuit_breaker.failures"),
                        java.time.Duration.ofSeconds(between(
                                b.openSeconds(),
                                (int) breaker.open().toSeconds(),
                                1,
                                86_400,
                                "lookup.circuit_breaker.open_seconds")));
            }
            JobSpec.Photos photos = null;
            if (l.photos() != null) {
                if (l.photos().minAmount() == null) {
                    throw error(
                            "lookup.photos.min_amount",
                            "is required with lookup.photos (the smallest amount owed "
                                    + "for which the active number's profile photo is fetched)");
                }
                if (l.photos().minAmount().signum() < 0) {
                    throw error("lookup.photos.min_amount", "must not be negative");
                }
                if (!PHOTO_PROVIDERS.contains(provider)) {
                    throw error(
                            "lookup.photos",
                            "is not available with provider '" + provider
                                    + "' (profile photos: evolution, zapi, wppconnect, sandbox)");
                }
                photos = new JobSpec.Photos(l.photos().minAmount());
            }
            List<JobSpec.Account> accounts = new ArrayList<>();
            List<RawAccount> raws = l.accounts() == null ? List.of() : l.accounts();
            if (raws.isEmpty() && !provider.equals("sandbox")) {
                throw error(
                        "lookup.accounts",
                        "is required with provider '" + provider
                                + "': list at least one account (base_url, instance or session, token_env; docs/providers.md)");
            }
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < raws.size(); i++) {
                JobSpec.Account a = account(raws.get(i), "lookup.accounts[" + i + "]", provider);
                if (!names.add(a.name())) {
                    throw error("lookup.accounts[" + i + "].name", "repeats the account name '" + a.name() + "'");
                }
                accounts.add(a);
            }
            return new JobSpec.Lookup(
                    provider,
                    new JobSpec.Sandbox(share, latency, s.seed() == null ? 0 : s.seed(), legacy),
                    Boolean.TRUE.equals(l.checkFixedLines()),
                    Boolean.TRUE.equals(l.dryRun()),
                    batch,
                    concurrency,
                    java.time.Duration.ofDays(ttlDays),
                    java.time.Duration.ofDays(negativeDays),
                    l.confirmNegatives(),
                    java.time.Duration.ofMillis(timeoutMs),
                    retries,
                    breaker,
                    photos,
                    List.copyOf(accounts));
        }

        /** Conservative by default: gateways ban accounts that check thousands of numbers in minutes. */
        static final String DEFAULT_RATE = "20/min";

        static final int DEFAULT_BURST = 1;
        static final int DEFAULT_JITTER_MS = 2000;
        static final long DEFAULT_DAILY_QUOTA = 1000;

        private static final java.util.regex.Pattern ENV_NAME =
                java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        private static final java.util.regex.Pattern RATE =
                java.util.regex.Pattern.compile("\\s*(\\d+)\\s*/\\s*(s|sec|second|min|minute|h|hour)\\s*");

        private JobSpec.Account account(RawAccount a, String key, String provider) {
            if (a == null) {
                throw error(key, "is empty");
            }
            String name = required(a.name(), key + ".name");
            String baseUrl = optional(a.baseUrl());
            boolean sandbox = provider.equals("sandbox");
            if (!sandbox) {
                baseUrl = required(baseUrl, key + ".base_url");
                try {
                    java.net.URI uri = new java.net.URI(baseUrl);
                    if (uri.getHost() == null
                            || !(uri.getScheme().equals("http")
                                    || uri.getScheme().equals("https"))) {
                        throw error(key + ".base_url", "must be an http:// or https:// URL, not '" + baseUrl + "'");
                    }
                    if (uri.getUserInfo() != null) {
                        throw error(key + ".base_url", "must not hold credentials: name them in token_env");
                    }
                } catch (java.net.URISyntaxException e) {
                    throw error(key + ".base_url", "is not a URL: " + e.getReason());
                }
                baseUrl = baseUrl.replaceAll("/+$", "");
            }
            String instance = optional(a.instance());
            if (instance == null
                    && Set.of("evolution", "zapi", "waha", "wppconnect").contains(provider)) {
                throw error(
                        key + ".instance",
                        "is required with provider '" + provider
                                + "' (the instance or session name of the paired phone)");
            }
            String tokenEnv = env(a.tokenEnv(), key + ".token_env");
            String clientTokenEnv = env(a.clientTokenEnv(), key + ".client_token_env");
            String usernameEnv = env(a.usernameEnv(), key + ".username_env");
            String passwordEnv = env(a.passwordEnv(), key + ".password_env");
            if (tokenEnv == null && Set.of("evolution", "zapi", "wppconnect").contains(provider)) {
                throw error(
                        key + ".token_env",
                        "is required with provider '" + provider
                                + "': the name of the environment variable that holds the token (never the token itself)");
            }
            if (provider.equals("onprem") && tokenEnv == null && (usernameEnv == null || passwordEnv == null)) {
                throw error(key + ".token_env", "or username_env and password_env are required with provider 'onprem'");
            }
            String rateText = optional(a.rate()) == null ? DEFAULT_RATE : a.rate();
            java.util.regex.Matcher m = RATE.matcher(rateText);
            if (!m.matches()) {
                throw error(
                        key + ".rate",
                        "must be numbers per second, minute or hour such as 1/s, 20/min or " + "600/h, not '" + rateText
                                + "'");
            }
            long permits = Long.parseLong(m.group(1));
            if (permits < 1) {
                throw error(key + ".rate", "must allow at least one number per period");
            }
            java.time.Duration period = switch (m.group(2)) {
                case "s", "sec", "second" -> java.time.Duration.ofSeconds(1);
                case "min", "minute" -> java.time.Duration.ofMinutes(1);
                default -> java.time.Duration.ofHours(1);
            };
            int burst = between(a.burst(), DEFAULT_BURST, 1, 100_000, key + ".burst");
            int jitter = between(a.jitterMs(), DEFAULT_JITTER_MS, 0, 600_000, key + ".jitter_ms");
            long quota = a.dailyQuota() == null ? DEFAULT_DAILY_QUOTA : a.dailyQuota();
            if (quota < 1) {
                throw error(key + ".daily_quota", "must be at least 1");
            }
            return new JobSpec.Account(
                    name,
                    baseUrl,
                    instance,
                    tokenEnv,
                    clientTokenEnv,
                    usernameEnv,
                    passwordEnv,
                    new JobSpec.Rate(permits, period),
                    burst,
                    java.time.Duration.ofMillis(jitter),
                    quota);
        }

        private String env(String value, String key) {
            String v = optional(value);
            if (v != null && !ENV_NAME.matcher(v).matches()) {
                throw error(key, "must name an environment variable (letters, digits, '_'), not hold a secret");
            }
            return v;
        }

        private int between(Integer value, int fallback, int min, int max, String key) {
            int v = value == null ? fallback : value;
            if (v < min || v > max) {
                throw error(key, "must be between " + min + " and " + max + ", not " + v);
            }
            return v;
        }

        private JobSpec.Output output(RawOutput o) {
            if (o == null) {
                o = new RawOutput(null, null, null, null, null, null, null, null, null, null);
            }
            String dir = optional(o.dir());
            String encoding = charset(o.encoding(), "output.encoding", false);
            Character delimiter = delimiter(o.delimiter(), "output.delimiter", false);
            String ls = optional(o.lineSeparator());
            String lineSeparator;
            if (ls == null || ls.equalsIgnoreCase("lf")) {
                lineSeparator = "\n";
            } else if (ls.equalsIgnoreCase("crlf")) {
                lineSeparator = "\r\n";
            } else {
                throw error("output.line_separator", "must be lf or crlf, not '" + ls + "'");
            }
            String format = optional(o.format());
            format = format == null ? "csv" : format.toLowerCase(Locale.ROOT);
            if (!OUTPUT_FORMATS.contains(format)) {
                throw error("output.format", "must be csv, xlsx or both, not '" + format + "'");
            }
            List<JobSpec.Profile> profiles = new ArrayList<>();
            if (o.profiles() != null) {
                for (String name : o.profiles()) {
                    String label = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
                    if (label.equals("per-phone")) {
                        continue; // the dialer file, always written
                    }
                    JobSpec.Profile p = JobSpec.Profile.of(label);
                    if (p == JobSpec.Profile.WHATSAPP_CAMPAIGN || p == JobSpec.Profile.SMS_OPTIN) {
                        throw error(
                                "output.profiles",
                                "names '" + label
                                        + "': campaign files come from the campaigns section, not from output.profiles");
                    }
                    if (p == null) {
                        throw error(
                                "output.profiles",
                                "names an unknown profile '" + name
                                        + "' (known: per-phone, per-debtor, vicidial, vicidial-pipe, genesys)");
                    }
                    if (!profiles.contains(p)) {
                        profiles.add(p);
                    }
                }
            }
            int phoneColumns = o.phoneColumns() == null ? 3 : o.phoneColumns();
            if (phoneColumns < 1 || phoneColumns > 11) {
                throw error(
                        "output.phone_columns",
                        "must be between 1 and 11, not " + phoneColumns + " (Genesys takes at most 50 columns)");
            }
            if (profiles.contains(JobSpec.Profile.GENESYS) && phoneColumns > 5) {
                throw error(
                        "output.phone_columns",
                        "must be at most 5 with the genesys profile, not " + phoneColumns
                                + " (cell1..N and home1..N: Genesys takes at most 10 phone columns)");
            }
            JobSpec.Vicidial vicidial = null;
            boolean wantsVicidial =
                    profiles.contains(JobSpec.Profile.VICIDIAL) || profiles.contains(JobSpec.Profile.VICIDIAL_PIPE);
            if (o.vicidial() != null && !wantsVicidial) {
                throw error("output.vicidial", "is set but output.profiles names neither vicidial nor vicidial-pipe");
            }
            if (wantsVicidial) {
                RawVicidial v = o.vicidial();
                if (v == null || v.listId() == null) {
                    throw error("output.vicidial.list_id", "is required with the vicidial profiles");
                }
                if (v.listId() < 100 || v.listId() > 99_999_999_999L) {
                    throw error("output.vicidial.list_id", "must be 100 or more (VICIdial's rule), not " + v.listId());
                }
                String source = optional(v.sourceCode());
                if (source != null && source.length() > 50) {
                    throw error("output.vicidial.source_code", "must be at most 50 characters");
                }
                String vlc = optional(v.vendorLeadCode());
                vlc = vlc == null ? "key" : vlc.toLowerCase(Locale.ROOT);
                if (!vlc.equals("key") && !vlc.equals("document")) {
                    throw error("output.vicidial.vendor_lead_code", "must be key or document, not '" + vlc + "'");
                }
                vicidial = new JobSpec.Vicidial(v.listId(), source == null ? "" : source, vlc);
            }
            return new JobSpec.Output(
                    dir == null ? null : baseDir.resolve(dir).normalize(),
                    encoding,
                    delimiter,
                    lineSeparator,
                    format,
                    List.copyOf(profiles),
                    phoneColumns,
                    vicidial,
                    null,
                    null,
                    o.neutraliseFormulas() == null || o.neutraliseFormulas());
        }

        private JobSpec.Run run(RawRun r) {
            int chunk = r == null || r.chunkSize() == null ? 500 : r.chunkSize();
            if (chunk < 1 || chunk > 100_000) {
                throw error("run.chunk_size", "must be between 1 and 100000, not " + chunk);
            }
            int threads =
                    r == null || r.threads() == null ? Runtime.getRuntime().availableProcessors() : r.threads();
            if (threads < 1 || threads > 64) {
                throw error("run.threads", "must be between 1 and 64, not " + threads);
            }
            int maxRejected = r == null || r.maxRejectedPercent() == null ? 50 : r.maxRejectedPercent();
            if (maxRejected < 0 || maxRejected > 100) {
                throw error("run.max_rejected_percent", "must be between 0 and 100, not " + maxRejected);
            }
            return new JobSpec.Run(chunk, threads, maxRejected);
        }
    }
}
