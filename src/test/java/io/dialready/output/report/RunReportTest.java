package io.dialready.output.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.WhatsAppStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * report.json's keys, order and values are the typed record's: reports written by the map-based report of c269af1
 * (the lookup engine with accounts, suppression and shared numbers; the plain path; the Indian sample) read into a
 * RunReport and written again give the same text.
 */
class RunReportTest {

    private static String fixture(String name) throws Exception {
        try (var in = RunReportTest.class.getResourceAsStream("/report/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine.report.json", "plain.report.json", "demo-in.report.json"})
    void aReportReadAndWrittenAgainIsTheSameText(String name) throws Exception {
        String json = fixture(name);
        assertThat(RunReport.fromJson(json).toJson() + "\n").isEqualTo(json);
    }

    @org.junit.jupiter.api.Test
    void theFiguresAreTyped() throws Exception {
        RunReport r = RunReport.fromJson(fixture("engine.report.json"));
        assertThat(r.rows().rowsRead()).isEqualTo(20000);
        assertThat(r.reach().whatsapp().get(WhatsAppStatus.SKIPPED))
                .isEqualTo(r.reach().whatsapp().skipped());
        assertThat(r.lookups().accounts()).hasSize(1);
        assertThat(r.lookups().accounts().get(0).name()).isEqualTo("acc-1");
        assertThat(r.lookups().lookupStopped()).isNull();
        assertThat(r.phones().debtorsSuppressed()).isEqualTo(3);
        assertThat(RunReport.fromJson(fixture("plain.report.json")).lookups().accounts())
                .isNull();
    }
}
