package io.dialready.output.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.LookupEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run report, typed: {@code report.json} is this record serialised (its parts flattened, in this order, keys in
 * snake_case, absent parts and optional figures left out), and the HTML page and the summary read it through these
 * accessors. A new figure is a component of its part plus the line that fills it (batch/RunReportAssembler).
 *
 * @param outputs the published files by role ({@code enriched}, {@code dialer}, a profile's label, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
        @JsonUnwrapped Run run,
        @JsonUnwrapped Rows rows,
        @JsonUnwrapped Phones phones,
        @JsonUnwrapped Lookups lookups,
        @JsonUnwrapped Reach reach,
        @JsonUnwrapped Timing timing,
        Map<String, String> outputs) {

    /**
     * What ran on what: {@code inputFormat}, {@code inputSheet} and {@code inputHeaderRow} for JDBC and XLSX inputs,
     * {@code inputEncoding} and {@code inputDelimiter} for CSV; {@code providerNote} for the sandbox.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(
            String provider,
            String providerNote,
            String job,
            String input,
            String inputFormat,
            String inputSheet,
            Integer inputHeaderRow,
            String inputEncoding,
            String inputDelimiter,
            String asOf,
            boolean dryRun) {}

    /**
     * The rows, and (issue 12) {@code dialerWithheld}, why no dialer file was published, only when none was; for CSV
     * inputs the input's physical lines and where each went, {@code linesUnaccounted} only when some went nowhere.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rows(
            long rowsRead,
            long rowsEnriched,
            long rowsRejected,
            long rejectsWritten,
            String dialerWithheld,
            Long inputLines,
            Long linesHeader,
            Long linesBlank,
            Long linesEnriched,
            Long linesRejected,
            Long linesUnaccounted) {}

    /** The phone figures; the suppression ones only with a suppression section, the shared ones with shared_numbers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Phones(
            long phonesFound,
            long phonesValid,
            long phonesInvalid,
            long phonesDuplicate,
            long phonesRepaired,
            long phonesUnique,
            Long phonesSuppressed,
            Long debtorsSuppressed,
            Long numbersShared,
            Long phonesShared) {}

    /**
     * The lookups; {@code retries}, {@code throttledMs}, the accounts and the allowed rate only with the lookup engine,
     * {@code lookupStopped} and its message only when the lookups stopped before every number was asked.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lookups(
            long lookupsRequested,
            long providerCalls,
            long cacheHits,
            Long retries,
            Long throttledMs,
            long pending,
            LookupEngine.Stop lookupStopped,
            String lookupStopMessage,
            List<Account> accounts,
            Double allowedRatePerSecond) {}

    /** One provider account's use (issue 11: answered, the quota its calls kept, refused calls, why it was dropped). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(
            String name,
            long numbersChecked,
            long providerCalls,
            String quotaDay,
            long quotaUsed,
            long dailyQuota,
            String rate,
            long numbersAnswered,
            long quotaUsedThisRun,
            long callsRefused,
            String dropped) {}

    /**
     * Who can be reached: phones by WhatsApp status, debtors by segment, phones by type (the types seen), the statuses by
     * segment and by type (the types seen), and the debtors with an active number.
     */
    public record Reach(
            StatusCounts whatsapp,
            Map<String, Long> segments,
            Map<String, Long> phoneTypes,
            Map<String, StatusCounts> whatsappBySegment,
            Map<String, StatusCounts> whatsappByPhoneType,
            long debtorsWithActiveWhatsapp,
            long debtorsWithoutValidPhone,
            double enrichmentHitRate) {}

    /** Phones by WhatsApp status, in {@link WhatsAppStatus} order. */
    public record StatusCounts(
            @JsonProperty("ACTIVE") long active,
            @JsonProperty("INACTIVE") long inactive,
            @JsonProperty("UNKNOWN") long unknown,
            @JsonProperty("PENDING") long pending,
            @JsonProperty("SKIPPED") long skipped) {

        public long get(WhatsAppStatus s) {
            return switch (s) {
                case ACTIVE -> active;
                case INACTIVE -> inactive;
                case UNKNOWN -> unknown;
                case PENDING -> pending;
                case SKIPPED -> skipped;
            };
        }

        public long total() {
            return active + inactive + unknown + pending + skipped;
        }
    }

    /**
     * When and how fast; {@code startedAt} is "null" when the job repository has no start time. {@code
     * enrichRowsPerSecond}: the rows the enrich-rows step wrote per second of its last execution (after a resume, the
     * resumed part), without the steps before and after it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timing(
            String startedAt,
            String finishedAt,
            double durationSeconds,
            long rowsPerSecond,
            int executions,
            long peakHeapMb,
            Long enrichRowsPerSecond) {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // a figure an older report lacks reads 0
            .build();

    /** report.json's text (without the final newline). */
    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** The report as a reader of report.json sees it: its keys in order, numbers as JSON gives them. */
    public Map<?, ?> asMap() {
        return JSON.readValue(toJson(), LinkedHashMap.class);
    }

    /** Reads a report.json: each part from the same flat object. */
    public static RunReport fromJson(String json) {
        JsonNode tree = JSON.readTree(json);
        return new RunReport(
                JSON.treeToValue(tree, Run.class),
                JSON.treeToValue(tree, Rows.class),
                JSON.treeToValue(tree, Phones.class),
                JSON.treeToValue(tree, Lookups.class),
                JSON.treeToValue(tree, Reach.class),
                JSON.treeToValue(tree, Timing.class),
                tree.has("outputs") ? JSON.convertValue(tree.get("outputs"), OUTPUTS) : Map.of());
    }

    private static final TypeReference<LinkedHashMap<String, String>> OUTPUTS = new TypeReference<>() {};

    public static RunReport read(Path file) {
        try {
            return fromJson(java.nio.file.Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
