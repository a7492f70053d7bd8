package io.dialready.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.EngineFixture.Failure;
import io.dialready.lookup.EngineFixture.Recorded;
import io.dialready.lookup.EngineFixture.ScriptedPort;
import io.dialready.lookup.ProviderException.Kind;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine when accounts go bad: a pool survives an account error (the others carry on with its numbers), a lone
 * account that goes leaves the rest unanswered (PENDING) without spending their quota, refused calls give their quota
 * back, calls that never reach WhatsApp (refused connections, 429s) leave their numbers unanswered rather than
 * UNKNOWN, an account that is not ready is asked again after a pause, transient failures are retried to a true answer,
 * and a negative of a provider that cannot tell a failure from "no account" is confirmed by a second ask.
 */
class LookupPoolTest extends EngineFixture {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    private static ProviderException closed(String account) {
        // what EvolutionLookup makes of Evolution 2.3.6's HTTP 400 with a Boom 428 (gateways/evolution-2.3.6)
        return new ProviderException(
                Kind.ACCOUNT, account, 400, null, "evolution answered HTTP 400: Boom 428 Connection Closed", null);
    }

    /** A port whose session closes after {@code good} calls; records when the first error went back. */
    static final class ClosingPort {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicLong closedAt = new AtomicLong(Long.MAX_VALUE);
        final ScriptedPort port;

        ClosingPort(String account, int good, long latencyMs) {
            port = new ScriptedPort(Integer.MAX_VALUE, latencyMs, ns -> {
                if (calls.incrementAndGet() > good) {
                    closedAt.compareAndSet(Long.MAX_VALUE, System.nanoTime());
                    throw new Failure(closed(account));
                }
                return allActive(ns);
            });
        }

        long sentAfterClosing() {
            return port.sentNanos.stream().filter(t -> t > closedAt.get()).count();
        }
    }

    @Test
    void aPoolSurvivesAClosingSessionAndTheOtherAccountTakesItsNumbers() throws Exception {
        ClosingPort bad = new ClosingPort("a", 2, 30);
        ScriptedPort good = new ScriptedPort(Integer.MAX_VALUE, 30, EngineFixture::allActive);
        Recorded recorded = new Recorded();
        List<String> asked = numbers(40);
        try (LookupEngine engine = engine(
                settings(2, 500, 4, 10, 300),
                recorded,
                List.of(account("a", "200/s", 2, 1000), account("b", "200/s", 2, 1000)),
                List.of(bad.port, good))) {
            engine.check(asked);
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.NONE);
            assertThat(engine.dropped()).containsOnlyKeys("a");
            assertThat(engine.dropped().get("a")).contains("Connection Closed", "HTTP 400");
        }
        assertThat(recorded.answers).as("every number answered").hasSize(40);
        assertThat(recorded.answers.values()).extracting(LookupResult::status).containsOnly(WhatsAppStatus.ACTIVE);
        assertThat(recorded.dropped).containsOnlyKeys("a");
        assertThat(bad.sentAfterClosing())
                .as("calls sent to the account after its error came back (2 workers: at most the other one)")
                .isLessThanOrEqualTo(1);
        long answeredByA =
                recorded.answeredBy.values().stream().filter("a"::equals).count();
        assertThat(quota.used("a", DAY))
                .as("the refused calls gave their numbers back: a's quota is what it answered")
                .isEqualTo(answeredByA);
        assertThat(quota.used("a", DAY) + quota.used("b", DAY)).isEqualTo(40);
    }

    @Test
    void aLoneClosingSessionLeavesTheRestUnansweredAndUnspent() throws Exception {
        ClosingPort bad = new ClosingPort("a", 5, 0);
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 1, 1000)), List.of(bad.port))) {
            engine.check(numbers(100));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.PROVIDER_FAILED);
            assertThat(engine.stopMessage()).contains("no usable account left", "account 'a'", "Connection Closed");
        }
        assertThat(recorded.answers).as("5 answered, 95 left for the next run").hasSize(5);
        assertThat(bad.calls.get())
                .as("one call after the 5 good ones, none after it")
                .isEqualTo(6);
        assertThat(quota.used("a", DAY))
                .as("quota for the numbers answered only")
                .isEqualTo(5);
        assertThat(recorded.charged.get("a")).isEqualTo(5);
    }

    @Test
    void callsThatNeverReachWhatsAppLeaveTheirNumbersUnansweredAndTheAccountIsDropped() throws Exception {
        // a dead gateway: every connection refused (what HttpProvider makes of a ConnectException)
        ScriptedPort dead = new ScriptedPort(1, 0, ns -> {
            throw new Failure(new ProviderException(
                    Kind.TRANSIENT, "a", 0, null, "check 1 number: connection refused or unreachable", null, true));
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine =
                engine(settings(1, 500, 2, 2, 1), recorded, List.of(account("a", "1000/s", 1, 1000)), List.of(dead))) {
            engine.check(numbers(30));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.PROVIDER_FAILED);
        }
        assertThat(recorded.answers)
                .as("nothing answered: every number stays unchecked (PENDING), none UNKNOWN")
                .isEmpty();
        assertThat(quota.used("a", DAY)).isZero();
        assertThat(dead.asked).as("failures calls of 2 attempts, then no more").hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void aGatewayThatOnlyAnswers429IsNeverGivenUpAsUnknown() throws Exception {
        ScriptedPort throttling = new ScriptedPort(1, 0, ns -> {
            throw new Failure(new ProviderException(
                    Kind.THROTTLED, "a", 429, Duration.ofMillis(5), "answered HTTP 429 (slow down)", null));
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 2, 2, 1), recorded, List.of(account("a", "1000/s", 1, 1000)), List.of(throttling))) {
            engine.check(numbers(10));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.PROVIDER_FAILED);
        }
        assertThat(recorded.answers).isEmpty();
        assertThat(quota.used("a", DAY)).as("a 429 gives its quota back").isZero();
    }

    @Test
    void anAccountThatIsNotReadyIsAskedAgainAfterAPauseThenDropped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedPort starting = new ScriptedPort(1, 0, ns -> {
            if (calls.incrementAndGet() <= 2) {
                throw new Failure(
                        new ProviderException(Kind.NOT_READY, "a", 422, "session status STARTING (not ready yet)"));
            }
            return allActive(ns);
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 1, 1000)), List.of(starting))) {
            engine.check(numbers(3));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.NONE);
        }
        assertThat(recorded.answers.values()).extracting(LookupResult::status).containsOnly(WhatsAppStatus.ACTIVE);
        assertThat(recorded.calls).startsWith("a:check:1:1:NOT_READY", "a:check:1:2:NOT_READY", "a:check:1:3:ok");
        assertThat(quota.used("a", DAY)).isEqualTo(3);

        ScriptedPort never = new ScriptedPort(1, 0, ns -> {
            throw new Failure(new ProviderException(Kind.NOT_READY, "b", 400, "instance not loaded (empty error {})"));
        });
        Recorded neverRecorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(1, 500, 3, 10, 300),
                neverRecorded,
                List.of(account("b", "1000/s", 1, 1000)),
                List.of(never))) {
            engine.check(numbers(3));
            assertThat(engine.stop()).isEqualTo(LookupEngine.Stop.PROVIDER_FAILED);
            assertThat(engine.dropped().get("b")).contains("instance not loaded");
        }
        assertThat(never.asked)
                .as("max_attempts asks, then the account is given up")
                .hasSize(3);
        assertThat(neverRecorded.answers).isEmpty();
    }

    @Test
    void timeoutsAreRetriedToATrueAnswer() throws Exception {
        // Baileys' "Timed Out" on the first attempt of every third number (Evolution 2.3.6: Boom 408 in an HTTP 400)
        Set<String> timedOut = ConcurrentHashMap.newKeySet();
        ScriptedPort flaky = new ScriptedPort(1, 0, ns -> {
            String n = ns.get(0);
            if (Integer.parseInt(n.substring(n.length() - 2)) % 3 == 0 && timedOut.add(n)) {
                throw new Failure(new ProviderException(Kind.TRANSIENT, "a", 400, "Boom 408 Timed Out"));
            }
            Map<String, LookupResult> m = new HashMap<>();
            m.put(
                    n,
                    n.endsWith("5")
                            ? new LookupResult(WhatsAppStatus.INACTIVE, null)
                            : allActive(ns).get(n));
            return m;
        });
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(3, 500, 4, 10, 300), recorded, List.of(account("a", "1000/s", 1, 1000)), List.of(flaky))) {
            engine.check(numbers(60));
        }
        assertThat(timedOut).hasSize(20);
        assertThat(recorded.answers).hasSize(60);
        assertThat(recorded.answers)
                .as("no UNKNOWN: each timed-out number got its true answer on the retry")
                .allSatisfy((n, r) -> assertThat(r.status())
                        .isEqualTo(n.endsWith("5") ? WhatsAppStatus.INACTIVE : WhatsAppStatus.ACTIVE));
        assertThat(quota.used("a", DAY))
                .as("a timeout may have reached WhatsApp: it counts")
                .isEqualTo(80);
    }

    @Test
    void aNegativeIsConfirmedByASecondAskLaterBeforeItIsBelieved() throws Exception {
        // as wa-js does: the first ask of a number ending in 1 fails inside and comes back as numberExists:false
        Map<String, List<Long>> asks = new ConcurrentHashMap<>();
        ScriptedPort wpp = new ScriptedPort(1, 0, ns -> {
            String n = ns.get(0);
            List<Long> times = asks.computeIfAbsent(n, k -> Collections.synchronizedList(new ArrayList<>()));
            times.add(System.nanoTime());
            boolean exists = n.endsWith("1") ? times.size() > 1 : !n.endsWith("2");
            Map<String, LookupResult> m = new HashMap<>();
            m.put(
                    n,
                    exists
                            ? new LookupResult(WhatsAppStatus.ACTIVE, n.substring(1))
                            : new LookupResult(WhatsAppStatus.INACTIVE, null));
            return m;
        });
        wpp.weakNegatives = true;
        Recorded recorded = new Recorded();
        try (LookupEngine engine = engine(
                settings(2, 500, 4, 10, 300),
                recorded,
                List.of(account("wpp", "1000/s", 1, 1000)),
                List.of(wpp),
                Duration.ofMillis(400))) {
            engine.check(numbers(20));
        }
        assertThat(recorded.answers).hasSize(20);
        assertThat(recorded.answers)
                .allSatisfy((n, r) -> assertThat(r.status())
                        .as(n)
                        .isEqualTo(n.endsWith("2") ? WhatsAppStatus.INACTIVE : WhatsAppStatus.ACTIVE));
        assertThat(asks).allSatisfy((n, times) -> {
            boolean negativeFirst = n.endsWith("1") || n.endsWith("2");
            assertThat(times).as(n).hasSize(negativeFirst ? 2 : 1);
            if (negativeFirst) {
                assertThat((times.get(1) - times.get(0)) / 1_000_000)
                        .as("the second ask waits the confirmation delay")
                        .isGreaterThanOrEqualTo(400);
            }
        });

        // the spec's switch turns it off: the first answer is believed
        Recorded off = new Recorded();
        asks.clear();
        try (LookupEngine engine = engine(
                settings(2, 500, 4, 10, 300, false),
                off,
                List.of(account("wpp2", "1000/s", 1, 1000)),
                List.of(wpp),
                Duration.ofMillis(400))) {
            engine.check(numbers(20));
        }
        assertThat(off.answers.entrySet().stream()
                        .filter(e -> e.getValue().status() == WhatsAppStatus.INACTIVE)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet()))
                .hasSize(4);
        assertThat(asks.values()).allSatisfy(times -> assertThat(times).hasSize(1));
    }
}
