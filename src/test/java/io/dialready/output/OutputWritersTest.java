package io.dialready.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.CallingWindow;
import io.dialready.domain.DebtorRecord;
import io.dialready.domain.DialledPhone;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.LookupResult;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.PhoneType;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Reject;
import io.dialready.domain.RunCounters;
import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.output.dialer.DialerLines;
import io.dialready.output.files.OutputFiles;
import io.dialready.output.jdbc.JdbcResults;
import io.dialready.output.jdbc.JdbcResultsWriter;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecBuilder;
import io.dialready.spec.JobSpecLoader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/** Each output writer's header and lines, written to real part files and read back byte for byte; no Spring context. */
class OutputWritersTest {

    @TempDir
    Path dir;

    private JobSpec.Output output(String key, Object value) {
        Path spec = JobSpecBuilder.portfolio("in.csv").output(key, value).writeTo(dir.resolve("job.yml"));
        return new JobSpecLoader().load(spec).output();
    }

    private static PhoneCandidate phone(String e164, PhoneType type, String source) {
        return new PhoneCandidate(source, e164, e164, "(11) 9" + e164.substring(6), type, null, null);
    }

    private static RankedPhone ranked(int rank, PhoneCandidate p, WhatsAppStatus s, String id) {
        return new RankedPhone(rank, p, new LookupResult(s, id));
    }

    /** A debtor with an active mobile ranked first and an inactive one second. */
    private static EnrichedDebtor twoPhones(String suppressed, CallingWindow window, Integer sharedBy) {
        DebtorRecord debtor = new DebtorRecord(7, "=K7", "ANA", null, new BigDecimal("10.50"), null, 40);
        RankedPhone a = ranked(1, phone("+5511987654321", PhoneType.MOBILE, "FONE1"), WhatsAppStatus.ACTIVE, "id,1");
        RankedPhone b = ranked(2, phone("+5511912345678", PhoneType.MOBILE, "FONE2"), WhatsAppStatus.INACTIVE, null);
        RankedDebtor r = new RankedDebtor(debtor, List.of(a, b), Segment.D31_90, 300);
        return EnrichedDebtor.of(
                7,
                List.of(new Reject(7, "FONE3", "123", "too short")),
                "'=K7,ANA",
                r,
                suppressed,
                List.of(
                        new DialledPhone(a, window, sharedBy, Boolean.TRUE, "https://p/1"),
                        new DialledPhone(b, window, sharedBy, null, null)));
    }

    private static EnrichedDebtor suppressedDebtor() {
        DebtorRecord debtor = new DebtorRecord(8, "K8", "BEA", null, null, null, null);
        return EnrichedDebtor.of(
                8, List.of(), "K8,BEA", new RankedDebtor(debtor, List.of(), Segment.UNKNOWN, 0), "debtor", List.of());
    }

    private String written(ItemStreamWriter<EnrichedDebtor> writer, Path target, EnrichedDebtor... debtors)
            throws Exception {
        ExecutionContext context = new ExecutionContext();
        writer.open(context);
        writer.write(new Chunk<>(List.of(debtors)));
        writer.update(context);
        writer.close();
        return Files.readString(OutputFiles.part(target), StandardCharsets.UTF_8);
    }

    @Test
    void theEnrichedFileAddsTheBestActiveAndRankedNumbersAndTheSuppressionMark() throws Exception {
        Path target = dir.resolve("in.enriched.csv");
        EnrichedFileWriter writer =
                EnrichedFileWriter.of(target, output("delimiter", "\",\""), List.of("KEY", "=NAME"), "sandbox", true);
        String text = written(
                writer,
                target,
                twoPhones("+5511900000000", null, null),
                suppressedDebtor(),
                EnrichedDebtor.rejected(9, List.of(new Reject(9, "", "x", "no key"))));
        assertThat(text)
                .isEqualTo("KEY,'=NAME,wa_best_phone,wa_best_status,wa_active_phones,phones_ranked,segment,priority,"
                        + "wa_provider,suppressed\n"
                        + "'=K7,ANA,+5511987654321,ACTIVE,+5511987654321,+5511987654321|+5511912345678,31-90,300,"
                        + "sandbox,+5511900000000\n"
                        + "K8,BEA,,SUPPRESSED,,,unknown,0,sandbox,debtor\n");
    }

    @Test
    void theRejectsFileHoldsEachRowsRejectsThenTheNotesAboutDialledDebtorsAndCountsThem() throws Exception {
        Path target = dir.resolve("in.rejects.csv");
        RunCounters counters = new RunCounters();
        RejectsWriter writer = RejectsWriter.of(
                target,
                output("line_separator", "crlf"),
                counters,
                d -> List.of(new Reject(d.debtor().line(), "first_name", "ANA", "cut to 30 characters")));
        String text = written(
                writer,
                target,
                twoPhones("", null, null),
                suppressedDebtor(),
                EnrichedDebtor.rejected(9, List.of(new Reject(9, "", "=1+1", "no key"))));
        assertThat(text)
                .isEqualTo("line,column,value,reason\r\n"
                        + "7,FONE3,123,too short\r\n"
                        + "7,first_name,ANA,cut to 30 characters\r\n"
                        + "9,,'=1+1,no key\r\n");
        assertThat(counters.rejectsWritten).isEqualTo(3);
    }

    @Test
    void theDialerLinesCarryTheWindowsSharedByAndPhotoColumnsTheSpecAsksFor() {
        DialerLines plain = new DialerLines(';', "\n", FormulaGuard.ON, "sandbox", false, false, false);
        assertThat(plain.header())
                .isEqualTo("debtor_key;rank;phone_e164;phone_national;phone_type;whatsapp;whatsapp_id;source_column;"
                        + "segment;priority;provider");
        assertThat(plain.lines(twoPhones("", null, null)))
                .isEqualTo("'=K7;1;+5511987654321;(11) 987654321;MOBILE;ACTIVE;id,1;FONE1;31-90;300;sandbox\n"
                        + "'=K7;2;+5511912345678;(11) 912345678;MOBILE;INACTIVE;;FONE2;31-90;300;sandbox");

        DialerLines all = new DialerLines(',', "\r\n", FormulaGuard.OFF, "sandbox", true, true, true);
        assertThat(all.header())
                .endsWith(",provider,timezone,window_weekdays,window_saturday,window_sunday,window_date,window,"
                        + "shared_by,has_photo,photo_url");
        // a Saturday: the window of the date is Saturday's
        CallingWindow sp = new CallingWindow(
                "America/Sao_Paulo", "08:00-20:00", "08:00-14:00", "", LocalDate.of(2026, 11, 28), "08:00-14:00");
        assertThat(all.lines(twoPhones("", sp, 2)))
                .isEqualTo("=K7,1,+5511987654321,(11) 987654321,MOBILE,ACTIVE,\"id,1\",FONE1,31-90,300,sandbox,"
                        + "America/Sao_Paulo,08:00-20:00,08:00-14:00,,2026-11-28,08:00-14:00,2,true,https://p/1\r\n"
                        + "=K7,2,+5511912345678,(11) 912345678,MOBILE,INACTIVE,,FONE2,31-90,300,sandbox,"
                        + "America/Sao_Paulo,08:00-20:00,08:00-14:00,,2026-11-28,08:00-14:00,2,,");
    }

    @Test
    void theResultsRowsAreTheEnrichedAndDialerColumns() {
        JdbcResultsWriter writer = new JdbcResultsWriter(new JdbcResults(null), "sandbox", true);
        EnrichedDebtor d = twoPhones(
                "", new CallingWindow(null, "08:00-20:00", "", "", LocalDate.of(2026, 11, 30), "08:00-20:00"), 1);
        assertThat(writer.debtorRow(d))
                .isEqualTo(new JdbcResults.DebtorRow(
                        "=K7",
                        "+5511987654321",
                        "ACTIVE",
                        "+5511987654321",
                        "+5511987654321|+5511912345678",
                        "31-90",
                        300,
                        "sandbox",
                        ""));
        assertThat(writer.debtorRow(suppressedDebtor()))
                .isEqualTo(new JdbcResults.DebtorRow(
                        "K8", null, "SUPPRESSED", null, null, "unknown", 0, "sandbox", "debtor"));
        assertThat(writer.phoneRow(d.ranked(), d.phones().get(1)))
                .isEqualTo(new JdbcResults.PhoneRow(
                        "=K7",
                        "+5511912345678",
                        2,
                        "(11) 912345678",
                        "MOBILE",
                        "INACTIVE",
                        null,
                        "FONE2",
                        "31-90",
                        300,
                        "sandbox",
                        null,
                        "08:00-20:00",
                        "",
                        "",
                        1));
    }
}
