package io.dialready.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.PhoneType;
import io.dialready.domain.Reject;
import io.dialready.domain.RunCounters;
import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.LookupService;
import io.dialready.lookup.SandboxLookup;
import io.dialready.source.SourceRow;
import io.dialready.spec.JobSpecBuilder;
import io.dialready.spec.JobSpecLoader;
import io.dialready.suppression.SuppressionList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk through suppression, the sandbox's lookups and ranking, without Spring: what the outputs get and count. */
class ChunkEnricherTest {

    @TempDir
    Path dir;

    private LookupService sandbox(double activeShare) {
        Path spec = JobSpecBuilder.portfolio("in.csv")
                .sandbox("active_share", activeShare)
                .writeTo(dir.resolve("job.yml"));
        return new LookupService(
                new SandboxLookup(new JobSpecLoader().load(spec).lookup().sandbox()), false, false, 50);
    }

    private static PhoneCandidate mobile(String e164) {
        return new PhoneCandidate("FONE1", e164, e164, e164.substring(3), PhoneType.MOBILE, null, null);
    }

    private static ParsedRow row(long line, String key, int daysOverdue, PhoneCandidate... phones) {
        DebtorRecord d = new DebtorRecord(line, key, "N", null, null, null, daysOverdue);
        return new ParsedRow(
                new SourceRow(line, new String[] {key}, null), d, List.of(phones), List.of(), phones.length, 0, 0, key);
    }

    @Test
    void aChunkIsSuppressedLookedUpRankedAndCounted() throws Exception {
        Path dnc = Files.writeString(dir.resolve("dnc.txt"), "+5511912345678\n");
        Path keys = Files.writeString(dir.resolve("keys.txt"), "K3\n");
        ChunkEnricher enricher = new ChunkEnricher(sandbox(1.0))
                .withSuppression(SuppressionList.load(List.of(dnc), List.of(keys), "BR"));
        ParsedRow rejected = new ParsedRow(
                new SourceRow(4, new String[] {""}, null),
                null,
                List.of(),
                List.of(new Reject(4, "KEY", "", "no debtor key")),
                0,
                0,
                0,
                null);
        RunCounters counters = new RunCounters();

        List<EnrichedDebtor> out = enricher.enrich(
                List.of(
                        row(1, "K1", 10, mobile("+5511987654321"), mobile("+5511912345678")),
                        row(2, "K2", 100, mobile("+5511987654321")),
                        row(3, "K3", 40, mobile("+5521998765432")),
                        rejected),
                counters);

        EnrichedDebtor k1 = out.get(0);
        assertThat(k1.suppressed()).as("the do-not-call number removed").isEqualTo("+5511912345678");
        assertThat(k1.phones()).hasSize(1);
        assertThat(k1.bestPhone()).isEqualTo("+5511987654321");
        assertThat(k1.bestStatus()).isEqualTo("ACTIVE");
        assertThat(k1.activePhones()).isEqualTo(k1.allPhones()).isEqualTo("+5511987654321");
        assertThat(k1.phones().get(0).window()).as("no calling rules").isNull();
        assertThat(k1.phones().get(0).sharedBy()).as("no shared_numbers").isNull();
        assertThat(k1.isDialled()).isTrue();
        assertThat(out.get(1).ranked().segment()).isEqualTo(Segment.D90_PLUS);
        EnrichedDebtor k3 = out.get(2);
        assertThat(k3.isSuppressedDebtor()).isTrue();
        assertThat(k3.isDialled()).isFalse();
        assertThat(k3.bestStatus()).isEqualTo("SUPPRESSED");
        assertThat(out.get(3).isRejected()).isTrue();
        assertThat(out.get(3).rejects()).hasSize(1);

        assertThat(counters.rowsRead).isEqualTo(4);
        assertThat(counters.rowsRejected).isEqualTo(1);
        assertThat(counters.rowsEnriched).isEqualTo(3);
        assertThat(counters.phonesSuppressed).isEqualTo(1);
        assertThat(counters.debtorsSuppressed).isEqualTo(1);
        assertThat(counters.phonesValid).as("K1's kept number and K2's").isEqualTo(2);
        assertThat(counters.phonesUnique).as("the same number for K1 and K2").isEqualTo(1);
        assertThat(counters.lookupsRequested)
                .as("one number asked once for the chunk")
                .isEqualTo(1);
        assertThat(counters.status(WhatsAppStatus.ACTIVE)).isEqualTo(2);
        assertThat(counters.segment(Segment.D31_90))
                .as("a suppressed debtor keeps its segment")
                .isEqualTo(1);
        assertThat(counters.segmentStatus(Segment.D90_PLUS, WhatsAppStatus.ACTIVE))
                .isEqualTo(1);
        assertThat(counters.debtorsWithActiveWhatsApp).isEqualTo(2);
        assertThat(RunCounters.restore(counters.toMap()).toMap()).isEqualTo(counters.toMap());
    }
}
