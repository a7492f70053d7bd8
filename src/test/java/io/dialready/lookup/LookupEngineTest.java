package io.dialready.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.spec.JobSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's pace, window, retries, breaker, quota and photos against scripted ports and the real quota table. */
class LookupEngineTest extends EngineFixture {

    @Test
    void neverExceedsTheRateInAnyOneSecondWindowAndKeepsItFull() throws Exception {
        // 20 numbers/s, burst 5, single-number provider with 300 ms latency, 10 workers: in any window of one second
        // at most 20 requests may start, although the bucket lets 5 go at once after a pause (SendWindow)
        ScriptedPort port = new ScriptedPort(1, 300, LookupEngineTest::allActive);
        Recorded recorded = new Recorded();
        List<String> asked = numbers(90);
        long start = System.nanoTime();
        try (LookupEngine engine = engine(
                settings(10, 500, 4, 10, 300), recorded, List.of(account("a", "20/s", 5, 100_000)), List.of(port))) {
            engine.check(asked);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(recorded.answers).hasSize(90);
        List<Long> sent = new ArrayList<>(port.sentNanos);
        Collections.sort(sent);
        assertThat(sent).hasSize(90);
        int most = 0;
        for (int i = 0; i < sent.size(); i++) {
            int j = i;
            while (j < sent.size() && sent.get(j) - sent.get(i) < 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        assertThat(most).as("requests started in the busiest one-second window").isLessThanOrEqualTo(20);
        // at most 20 in any 1.02 s: the 90th number cannot go out before 4 windows have passed
        assertThat(seconds).isGreaterThanOrEqualTo(4 * 1.02 - 0.05);
        assertThat(recorded.waitedMs)
                .as("time spent waiting for the limiter is counted")
                .isPositive();
    }

    @Test
    void bulkCallsCarryAtMostTheBurstAndNumbersLeftOutAreAskedAgainThenUnknown() throws Exception {
        // the provider leaves every number ending in 7 out of its answer, as Baileys-based gateways do
        ScriptedPort port = new ScriptedPort(Integer.MAX_VALUE, 0, ns -> {
            Map<String, LookupResult> m = allActive(ns);
            m.keySet().removeIf(n -> n.endsWith("7"));
            return m;
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(2, 500, 4, 10, 300),
                recorded,
                List.of(account("bulk", "1000/s", 50, 100_000)),
                List.of(port))) {
            engine.check(numbers(120));
        }
        assertThat(recorded.calls.subList(0, 2))
                .as("calls carry the burst (a fifth of 1000/s would be 200)")
                .containsOnly("bulk:check:50:1:ok");
        assertThat(recorded.calls)
                .allSatisfy(c -> assertThat(Integer.parseInt(c.split(":")[2])).isLessThanOrEqualTo(50));
        assertThat(recorded.answers).hasSize(120);
        assertThat(recorded.answers)
                .allSatisfy((n, r) -> assertThat(r.status())
                        .isEqualTo(n.endsWith("7") ? WhatsAppStatus.UNKNOWN : WhatsAppStatus.ACTIVE));
        Map<String, Long> asks = port.asked.stream()
                .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()));
        assertThat(asks)
                .as("a number left out is asked again in later calls, max_attempts asks in all")
                .allSatisfy((n, times) -> assertThat(times).isEqualTo(n.endsWith("7") ? 4L : 1L));
    }

    @Test
    void aNumberLeftOutOnceIsAnsweredByALaterCall() throws Exception {
        java.util.Set<String> leftOut = ConcurrentHashMap.newKeySet();
        ScriptedPort port = new ScriptedPort(Integer.MAX_VALUE, 0, ns -> {
            Map<String, LookupResult> m = allActive(ns);
            // each number ending in 3 is left out the first time it is asked only
            m.keySet().removeIf(n -> n.endsWith("3") && leftOut.add(n));
            return m;
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 10, 100_000)), List.of(port))) {
            engine.check(numbers(30));
        }
        assertThat(leftOut).hasSize(3);
        assertThat(recorded.answers).hasSize(30);
        assertThat(recorded.answers.values()).extracting(LookupResult::status).containsOnly(WhatsAppStatus.ACTIVE);
        assertThat(port.asked).as("30 numbers, 3 of them twice").hasSize(33);
    }

    @Test
    void callsAreSpreadEvenlyOverThePeriodNotSentAsOneBurst() throws Exception {
        // 20/s with a burst of 20: the account's window alone would let 20 calls go at once; the pace spaces them
        // 1/20 s apart (2% slower), whatever the number of workers waiting, and never less than half that at send time
        // (a busy machine wakes workers late)
        ScriptedPort port = new ScriptedPort(1, 100, LookupEngineTest::allActive);
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(10, 500, 4, 10, 300), recorded, List.of(account("a", "20/s", 20, 100_000)), List.of(port))) {
            engine.check(numbers(30));
        }
        List<Long> sent = new ArrayList<>(port.sentNanos);
        Collections.sort(sent);
        assertThat(sent).hasSize(30);
        long tightest = Long.MAX_VALUE;
        for (int i = 2; i < sent.size(); i++) { // the first call goes alone; the others from its answer on
            tightest = Math.min(tightest, sent.get(i) - sent.get(i - 1));
        }
        assertThat(tightest / 1_000_000)
                .as("the shortest gap between two calls, ms (pace: 51 ms, never under 25)")
                .isGreaterThanOrEqualTo(24);

        // a bulk account carries a fifth of its rate per call, every fifth of a second
        ScriptedPort bulk = new ScriptedPort(Integer.MAX_VALUE, 0, LookupEngineTest::allActive);
        Recorded bulkRecorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(4, 500, 4, 10, 300),
                bulkRecorded,
                List.of(account("b", "20/s", 20, 100_000)),
                List.of(bulk))) {
            engine.check(numbers(40));
        }
        assertThat(bulkRecorded.calls).hasSize(10).allSatisfy(c -> assertThat(c).isEqualTo("b:check:4:1:ok"));
    }

    @Test
    void throttledCallsWaitForRetryAfterThenSucceed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedPort port = new ScriptedPort(1, 0, ns -> {
            if (calls.incrementAndGet() <= 2) {
                throw new Failure(new ProviderException(
                        ProviderException.Kind.THROTTLED, "a", 429, Duration.ofMillis(300), "rate-overlimit", null));
            }
            return allActive(ns);
        });
        Recorded recorded = new Recorded();
        long start = System.nanoTime();
        try (LookupEngine engine = engine(
                settings(1, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 10, 100_000)), List.of(port))) {
            engine.check(numbers(3));
        }
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("two Retry-After pauses of 300 ms")
                .isGreaterThanOrEqualTo(590);
        assertThat(recorded.answers.values()).extracting(LookupResult::status).containsOnly(WhatsAppStatus.ACTIVE);
        assertThat(recorded.calls).startsWith("a:check:1:1:THROTTLED", "a:check:1:2:THROTTLED", "a:check:1:3:ok");
        assertThat(recorded.retries.get()).isEqualTo(2);
        // counted from when the retry starts waiting: its quota claim overlaps the first milliseconds of the pause
        assertThat(recorded.waitedMs).isGreaterThanOrEqualTo(450);
    }

    @Test
    void serverErrorsAreRetriedThenTheNumbersAreUnknownNeverInactive() throws Exception {
        ScriptedPort port = new ScriptedPort(1, 0, ns -> {
            if (ns.get(0).endsWith("1")) {
                throw new Failure(new ProviderException(ProviderException.Kind.TRANSIENT, "a", 500, "Timed Out"));
            }
            return allActive(ns);
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(2, 500, 3, 10, 300), recorded, List.of(account("a", "1000/s", 10, 100_000)), List.of(port))) {
            engine.check(numbers(4));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.NONE);
        }
        String failing = numbers(4).get(1);
        assertThat(recorded.answers.get(failing)).isEqualTo(LookupResult.UNKNOWN);
        assertThat(recorded.answers).hasSize(4);
        assertThat(recorded.calls).filteredOn(c -> c.endsWith("TRANSIENT")).hasSize(3);
        assertThat(recorded.retries.get()).isEqualTo(2);
    }

    @Test
    void aRejectedRequestIsUnknownWithoutRetry() throws Exception {
        ScriptedPort port = new ScriptedPort(1, 0, ns -> {
            throw new Failure(new ProviderException(ProviderException.Kind.REJECTED, "a", 400, "bad number"));
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 10, 100_000)), List.of(port))) {
            engine.check(numbers(2));
        }
        assertThat(recorded.answers.values()).containsOnly(LookupResult.UNKNOWN);
        assertThat(recorded.calls).hasSize(2);
    }

    @Test
    void anAccountErrorStopsTheRunNamingTheAccountAndLeavesTheRestUnanswered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedPort port = new ScriptedPort(1, 0, ns -> {
            if (calls.incrementAndGet() == 3) {
                throw new Failure(new ProviderException(
                        ProviderException.Kind.ACCOUNT,
                        "cobranca-01",
                        401,
                        "Unauthorized: check the apikey in EVOLUTION_APIKEY"));
            }
            return allActive(ns);
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 4, 10, 300),
                recorded,
                List.of(account("cobranca-01", "1000/s", 10, 100_000)),
                List.of(port))) {
            engine.check(numbers(10));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.PROVIDER_FAILED);
            assertThat(engine.stopMessage()).contains("no usable account left", "cobranca-01", "401", "Unauthorized");
            assertThat(engine.dropped()).containsOnlyKeys("cobranca-01");
        }
        assertThat(quota.used("cobranca-01", LocalDate.of(2026, 11, 24)))
                .as("the refused call gave its number back")
                .isEqualTo(2);
        assertThat(recorded.answers).hasSize(2);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void theCircuitBreakerPausesOnceThenStopsAProviderThatKeepsFailing() throws Exception {
        ScriptedPort port = new ScriptedPort(1, 0, ns -> {
            throw new Failure(new ProviderException(ProviderException.Kind.TRANSIENT, "a", 0, "connection reset"));
        });
        Recorded recorded = new Recorded();
        long start = System.nanoTime();
        try (LookupEngine engine = engine(
                settings(1, 500, 1, 3, 1), recorded, List.of(account("a", "1000/s", 10, 100_000)), List.of(port))) {
            engine.check(numbers(50));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.PROVIDER_FAILED);
            assertThat(engine.stopMessage()).contains("keeps failing", "connection reset");
        }
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("one pause of open_seconds")
                .isGreaterThanOrEqualTo(990);
        assertThat(port.sentNanos)
                .as("3 failures, a pause, 3 more, then no more calls")
                .hasSize(6);
        assertThat(recorded.answers)
                .hasSize(6)
                .allSatisfy((n, r) -> assertThat(r).isEqualTo(LookupResult.UNKNOWN));
    }

    @Test
    void theDailyQuotaIsSharedByAPoolAndSurvivesTheEngine() throws Exception {
        ScriptedPort a = new ScriptedPort(Integer.MAX_VALUE, 0, LookupEngineTest::allActive);
        ScriptedPort b = new ScriptedPort(Integer.MAX_VALUE, 0, LookupEngineTest::allActive);
        Recorded recorded = new Recorded();
        List<JobSpec.Account> accounts = List.of(account("a", "1000/s", 4, 7), account("b", "1000/s", 4, 5));
        try (LookupEngine engine = engine(settings(3, 500, 4, 10, 300), recorded, accounts, List.of(a, b))) {
            engine.check(numbers(30));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.QUOTA_SPENT);
        }
        assertThat(recorded.answers.keySet())
                .as("the 12 numbers the quota allows are the first 12: numbers a partly granted claim could not carry"
                        + " went back to the front of the queue, none was lost")
                .containsExactlyInAnyOrderElementsOf(numbers(12));
        LocalDate day = LocalDate.of(2026, 11, 24);
        assertThat(quota.used("a", day)).isEqualTo(7);
        assertThat(quota.used("b", day)).isEqualTo(5);

        // another engine the same day (a new run on the same database) gets nothing more
        Recorded again = new Recorded();
        try (LookupEngine engine = engine(settings(3, 500, 4, 10, 300), again, accounts, List.of(a, b))) {
            engine.check(numbers(30).subList(12, 30));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.QUOTA_SPENT);
        }
        assertThat(again.answers).isEmpty();
        assertThat(quota.used("a", day.plusDays(1))).isZero();
    }

    @Test
    void photosGoThroughTheLimiterAndAHiddenPhotoIsNotAnError() throws Exception {
        ScriptedPort port = new ScriptedPort(1, 0, LookupEngineTest::allActive);
        Recorded recorded = new Recorded();
        try (LookupEngine engine =
                engine(settings(2, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 10, 1)), List.of(port))) {
            engine.photos(Map.of("+5511911111111", "5511911111111", "+5511922222222", "5511922222222"));
        }
        assertThat(recorded.photos.get("+5511911111111"))
                .isEqualTo(new ProfilePhoto(true, "https://photo.test/5511911111111"));
        assertThat(recorded.photos.get("+5511922222222")).isEqualTo(ProfilePhoto.NONE);
        assertThat(recorded.calls).containsOnly("a:photo:1:1:ok");
        assertThat(quota.used("a", LocalDate.of(2026, 11, 24)))
                .as("photos spend no check quota")
                .isZero();
    }
}
