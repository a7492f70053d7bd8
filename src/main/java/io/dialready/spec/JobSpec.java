package io.dialready.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A job spec (jobs/*.yml) after loading, validation and defaults: what to read, how to map its columns, how to look
 * numbers up and where to write, and the calling rules file (null: none). Paths are absolute. Documented key by key in jobs/README.md.
 */
public record JobSpec(
        Path specFile,
        String name,
        String country,
        Input input,
        Columns columns,
        List<PhoneSource> phones,
        Lookup lookup,
        Output output,
        Run run,
        Path callingRules,
        Suppression suppression,
        boolean sharedNumbers,
        boolean ninthDigitFor7,
        Path callingHolidays) {

    /** {@code callingHolidays}: the user's municipal and company days for the calling windows (null: none). */
    public JobSpec(
            Path specFile,
            String name,
            String country,
            Input input,
            Columns columns,
            List<PhoneSource> phones,
            Lookup lookup,
            Output output,
            Run run,
            Path callingRules,
            Suppression suppression,
            boolean sharedNumbers,
            boolean ninthDigitFor7) {
        this(
                specFile,
                name,
                country,
                input,
                columns,
                phones,
                lookup,
                output,
                run,
                callingRules,
                suppression,
                sharedNumbers,
                ninthDigitFor7,
                null);
    }

    /** {@code ninthDigitFor7}: Brazilian 8-digit numbers starting with 7 get the ninth digit (the default). */
    public JobSpec(
            Path specFile,
            String name,
            String country,
            Input input,
            Columns columns,
            List<PhoneSource> phones,
            Lookup lookup,
            Output output,
            Run run,
            Path callingRules,
            Suppression suppression,
            boolean sharedNumbers) {
        this(
                specFile,
                name,
                country,
                input,
                columns,
                phones,
                lookup,
                output,
                run,
                callingRules,
                suppression,
                sharedNumbers,
                true);
    }

    public JobSpec(
            Path specFile,
            String name,
            String country,
            Input input,
            Columns columns,
            List<PhoneSource> phones,
            Lookup lookup,
            Output output,
            Run run,
            Path callingRules,
            Suppression suppression) {
        this(specFile, name, country, input, columns, phones, lookup, output, run, callingRules, suppression, false);
    }

    public JobSpec(
            Path specFile,
            String name,
            String country,
            Input input,
            Columns columns,
            List<PhoneSource> phones,
            Lookup lookup,
            Output output,
            Run run,
            Path callingRules) {
        this(specFile, name, country, input, columns, phones, lookup, output, run, callingRules, null);
    }

    /** Do-not-call number files and debtor-key files (one value a line); null in the spec when there are none. */
    public record Suppression(List<Path> doNotCall, List<Path> debtorKeys) {}

    /** The spec without a calling rules file (no time-zone and window columns). */
    public JobSpec(
            Path specFile,
            String name,
            String country,
            Input input,
            Columns columns,
            List<PhoneSource> phones,
            Lookup lookup,
            Output output,
            Run run) {
        this(specFile, name, country, input, columns, phones, lookup, output, run, null);
    }

    /**
     * Where the debtor rows come from. {@code format} is null when it is to be guessed from the input file's extension
     * ({@link #formatOf}); {@code encoding} and {@code delimiter} (CSV) are null when they are to be detected;
     * {@code sheet} (XLSX: a name or a 1-based position) is null for the first sheet, {@code headerRow} (XLSX: 1-based)
     * null to detect the header row.
     */
    public record Input(
            Path path,
            String format,
            String encoding,
            Character delimiter,
            boolean header,
            String sheet,
            Integer headerRow,
            Jdbc jdbc) {

        public Input(
                Path path,
                String format,
                String encoding,
                Character delimiter,
                boolean header,
                String sheet,
                Integer headerRow) {
            this(path, format, encoding, delimiter, header, sheet, headerRow, null);
        }

        /** The format to read {@code file} with: the spec's, or guessed from the file's extension. */
        public String formatOf(Path file) {
            if (format != null) {
                return format;
            }
            String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
                return "xlsx";
            }
            return lower.endsWith(".xls") ? "xls" : "csv";
        }

        public boolean isWorkbook(Path file) {
            return !formatOf(file).equals("csv");
        }
    }

    /**
     * A database connection of the spec ({@code input.jdbc}, {@code output.jdbc}): the password is read from the
     * environment variable {@code passwordEnv} when used, never written in the spec.
     */
    public record Connection(String url, String user, String passwordEnv) {

        /** The password from the environment; empty when the spec names no variable. */
        public String password() {
            if (passwordEnv == null) {
                return "";
            }
            String v = System.getenv(passwordEnv);
            return v == null ? "" : v;
        }
    }

    /**
     * A database table ({@code table}) or a SELECT ({@code query}, exactly one of them) as the debtor source, read in
     * pages of {@code pageSize} rows ordered by the whole-number, unique {@code keyColumn}. Table and column names
     * are checked identifiers.
     */
    public record Jdbc(Connection connection, String table, String query, String keyColumn, int pageSize) {

        /** What a run reads, for messages, the report and the resume identity: the URL without password, and the table or query. */
        public String describe() {
            return io.dialready.db.JdbcUrls.redact(connection.url())
                    + (table != null ? " table " + table : " query " + query);
        }
    }

    /**
     * The results written back to a database ({@code output.jdbc}): one row per debtor and phone in
     * {@code phonesTable} (the dialer file's rows), one row per debtor in {@code debtorsTable} (the enriched file's
     * columns), both upserted by key.
     */
    public record JdbcOutput(Connection connection, String phonesTable, String debtorsTable) {}

    /** Which input columns hold what. Only {@code key} is required. */
    public record Columns(
            String key,
            String name,
            String document,
            String amount,
            String dueDate,
            String daysOverdue,
            String dateFormat,
            char decimalSeparator) {}

    /**
     * One place phones are found: a single {@code column} (which may hold several numbers when {@code multiple}), or an
     * area-code column {@code ddd} plus a {@code number} column.
     */
    public record PhoneSource(String column, String ddd, String number, boolean multiple) {

        public boolean split() {
            return ddd != null;
        }

        /** The name the outputs use for this source: the column, or "DDD1+FONE1". */
        public String label() {
            return split() ? ddd + "+" + number : column;
        }
    }

    /**
     * How numbers are looked up. {@code batchSize}: numbers per call of a bulk provider (single-number providers ask one
     * at a time); {@code concurrency}: provider calls in flight at once across all accounts; {@code cacheTtl}: how long
     * a cached answer is reused; {@code negativeCacheTtl}: the same for a "no account" answer (shorter: people install
     * WhatsApp, and a failed lookup can come back as a negative); {@code confirmNegatives}: ask a first "no account"
     * again later in the run before believing it (null: as the provider needs, see
     * {@code ContactLookup#negativesNeedConfirmation}); {@code timeout}: of one HTTP call; {@code photos} null when
     * profile photos are not fetched. {@code accounts} is empty only for the sandbox without limits.
     */
    public record Lookup(
            String provider,
            Sandbox sandbox,
            boolean checkFixedLines,
            boolean dryRun,
            int batchSize,
            int concurrency,
            java.time.Duration cacheTtl,
            java.time.Duration negativeCacheTtl,
            Boolean confirmNegatives,
            java.time.Duration timeout,
            Retries retries,
            CircuitBreaker circuitBreaker,
            Photos photos,
            List<Account> accounts) {

        /** The sandbox with the default limits-free settings (tests and demos). */
        public Lookup(String provider, Sandbox sandbox, boolean checkFixedLines, boolean dryRun, int batchSize) {
            this(
                    provider,
                    sandbox,
                    checkFixedLines,
                    dryRun,
                    batchSize,
                    DEFAULT_CONCURRENCY,
                    DEFAULT_CACHE_TTL,
                    DEFAULT_NEGATIVE_CACHE_TTL,
                    null,
                    DEFAULT_TIMEOUT,
                    Retries.DEFAULT,
                    CircuitBreaker.DEFAULT,
                    null,
                    List.of());
        }

        public static final int DEFAULT_CONCURRENCY = 4;
        public static final java.time.Duration DEFAULT_CACHE_TTL = java.time.Duration.ofDays(7);
        public static final java.time.Duration DEFAULT_NEGATIVE_CACHE_TTL = java.time.Duration.ofDays(2);
        public static final int MAX_CONCURRENCY = 256;

        /** How long a cached answer of this status is reused. */
        public java.time.Duration cacheTtl(boolean negative) {
            return negative ? negativeCacheTtl : cacheTtl;
        }

        public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(20);
    }

    /**
     * One provider account (a paired phone: Evolution instance, Z-API instance, WAHA or WPPConnect session, or an
     * On-Premises-shaped gateway login) and its limits. Secrets are never in the spec: {@code tokenEnv},
     * {@code clientTokenEnv}, {@code usernameEnv} and {@code passwordEnv} name environment variables (null: unused).
     * {@code rate} counts numbers checked (a bulk call of n numbers spends n), {@code burst} is the bucket's capacity,
     * {@code jitter} the upper bound of a random pause added before each call, {@code dailyQuota} the numbers this
     * account may check per calendar day (UTC), kept in the database across runs.
     */
    public record Account(
            String name,
            String baseUrl,
            String instance,
            String tokenEnv,
            String clientTokenEnv,
            String usernameEnv,
            String passwordEnv,
            Rate rate,
            int burst,
            java.time.Duration jitter,
            long dailyQuota) {}

    /** {@code permits} numbers per {@code period} ("20/s", "60/min", "1000/h"). */
    public record Rate(long permits, java.time.Duration period) {

        public double perSecond() {
            return permits * 1_000_000_000.0 / period.toNanos();
        }

        @Override
        public String toString() {
            long s = period.toSeconds();
            return permits + (s == 1 ? "/s" : s == 60 ? "/min" : s == 3600 ? "/h" : "/" + s + "s");
        }
    }

    /** Retries of a failed call (429/503/5xx/timeout/dropped connection): attempts include the first call. */
    public record Retries(int maxAttempts, java.time.Duration initialBackoff, java.time.Duration maxBackoff) {
        public static final Retries DEFAULT =
                new Retries(4, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(60));
    }

    /** After {@code failures} calls in a row failed even after retries, no call is made for {@code open}. */
    public record CircuitBreaker(int failures, java.time.Duration open) {
        public static final CircuitBreaker DEFAULT = new CircuitBreaker(10, java.time.Duration.ofMinutes(5));
    }

    /** Profile photos are fetched for the active numbers of debtors whose amount is at least {@code minAmount}. */
    public record Photos(java.math.BigDecimal minAmount) {}

    /** The built-in sandbox provider: deterministic answers, no network. */
    public record Sandbox(double activeShare, int latencyMs, long seed, double legacyFormShare) {}

    /**
     * {@code dir} is null when the spec leaves it to the command line (default: ./out). {@code format} is csv, xlsx or
     * both: which files the enriched and dialer outputs are (rejects and report are always CSV and JSON).
     * {@code profiles} are the extra dialer files (the per-phone dialer file is always written); {@code phoneColumns}
     * is N of the per-debtor file's phone1..phoneN and of the Genesys file's cell1..cellN / home1..homeN;
     * {@code vicidial} is null unless a VICIdial profile is chosen. {@code neutraliseFormulas} (default true): cells
     * copied from the input that a spreadsheet would read as a formula get a leading {@code '} in every CSV output.
     */
    public record Output(
            Path dir,
            String encoding,
            char delimiter,
            String lineSeparator,
            String format,
            List<Profile> profiles,
            int phoneColumns,
            Vicidial vicidial,
            Campaigns campaigns,
            JdbcOutput jdbc,
            boolean neutraliseFormulas) {

        public Output(
                Path dir,
                String encoding,
                char delimiter,
                String lineSeparator,
                String format,
                List<Profile> profiles,
                int phoneColumns,
                Vicidial vicidial,
                Campaigns campaigns) {
            this(
                    dir,
                    encoding,
                    delimiter,
                    lineSeparator,
                    format,
                    profiles,
                    phoneColumns,
                    vicidial,
                    campaigns,
                    null,
                    true);
        }

        public Output(
                Path dir,
                String encoding,
                char delimiter,
                String lineSeparator,
                String format,
                List<Profile> profiles,
                int phoneColumns,
                Vicidial vicidial,
                Campaigns campaigns,
                JdbcOutput jdbc) {
            this(
                    dir,
                    encoding,
                    delimiter,
                    lineSeparator,
                    format,
                    profiles,
                    phoneColumns,
                    vicidial,
                    campaigns,
                    jdbc,
                    true);
        }

        public Output(Path dir, String encoding, char delimiter, String lineSeparator) {
            this(dir, encoding, delimiter, lineSeparator, "csv");
        }

        public Output(Path dir, String encoding, char delimiter, String lineSeparator, String format) {
            this(dir, encoding, delimiter, lineSeparator, format, List.of(), 3, null, null);
        }

        public Output withEncoding(String other) {
            return new Output(
                    dir,
                    other,
                    delimiter,
                    lineSeparator,
                    format,
                    profiles,
                    phoneColumns,
                    vicidial,
                    campaigns,
                    jdbc,
                    neutraliseFormulas);
        }

        public boolean csv() {
            return !format.equals("xlsx");
        }

        public boolean xlsx() {
            return !format.equals("csv");
        }
    }

    /**
     * Campaign files (from the spec's {@code campaigns} section): {@code whatsappTemplates} maps a segment label
     * ("0-30", "31-90", "90+", optionally "unknown") to a template name, null when there is no WhatsApp campaign;
     * {@code sms} null when there is no SMS opt-in campaign.
     */
    public record Campaigns(java.util.Map<String, String> whatsappTemplates, SmsOptin sms) {}

    /** The SMS opt-in campaign: business number digits for wa.me, the SMS text and the pre-filled WhatsApp text. */
    public record SmsOptin(String businessDigits, String text, String whatsappText) {}

    /** VICIdial lead settings: list_id (>= 100), source_code, and which debtor field becomes vendor_lead_code. */
    public record Vicidial(long listId, String sourceCode, String vendorLeadCode) {}

    /** The dialer files beyond the per-phone one, each from the same ordered staging rows. */
    public enum Profile {
        PER_DEBTOR("per-debtor", ".per-debtor.csv"),
        VICIDIAL("vicidial", ".vicidial.csv"),
        VICIDIAL_PIPE("vicidial-pipe", ".vicidial.txt"),
        GENESYS("genesys", ".genesys.csv"),
        WHATSAPP_CAMPAIGN("whatsapp-campaign", ".whatsapp-campaign.csv"),
        SMS_OPTIN("sms-optin", ".sms-optin.csv");

        private final String label;
        private final String suffix;

        Profile(String label, String suffix) {
            this.label = label;
            this.suffix = suffix;
        }

        public String label() {
            return label;
        }

        /** The file name's ending after the input's base name. */
        public String suffix() {
            return suffix;
        }

        public static Profile of(String label) {
            for (Profile p : values()) {
                if (p.label.equals(label)) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * @param maxRejectedPercent the share of data rows (0-100) that may be rejected before the run withholds its dialer
     *                           files (exit code 6): more than this, and something is wrong with the file as a whole
     */
    public record Run(int chunkSize, int threads, int maxRejectedPercent) {}
}
