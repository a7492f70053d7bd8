package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.dialready.lookup.ContactLookup;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider against the same failures, served by a real HTTP server on loopback: throttling (429 with Retry-After
 * in seconds and as an HTTP-date, 503), server errors (500 "Timed Out"), account errors (401/403/404), refused requests
 * (400), answers slower than the timeout, dropped connections and answers that are not JSON. Each failure is exactly
 * one request, is thrown with the kind the engine acts on, and no message holds a secret or a full number.
 */
class ProviderFailuresTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static Stream<Fakes.Provider> providers() {
        return Fakes.all().stream();
    }

    private ProviderException fail(Fakes.Provider p, ResponseDefinitionBuilder response) {
        return fail(p, response, false);
    }

    private ProviderException fail(Fakes.Provider p, ResponseDefinitionBuilder response, boolean dropped) {
        wm.stubFor(p.checkCall().willReturn(response));
        ContactLookup lookup = p.make(wm.baseUrl());
        wm.resetRequests();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> lookup.check(p.numbers()));
        assertThat(e).as("%s must throw", p).isNotNull();
        int requests = requestsReceived();
        if (dropped && p.checkCall().build().getRequest().getMethod().getName().equals("GET")) {
            // the JDK client itself sends an idempotent GET once more when the connection closes before any byte of
            // an answer (it takes it for a stale keep-alive connection); POSTs are never re-sent
            assertThat(requests)
                    .as("one request per call (GET: at most the JDK's one re-send)")
                    .isBetween(1, 2);
        } else {
            assertThat(requests).as("one request per call").isEqualTo(1);
        }
        assertClean(p, e);
        return e;
    }

    /**
     * Requests the server journaled since the last reset; the journal may be written just after the answer is sent,
     * so it is polled, and a JDK re-send comes right after the first request.
     */
    private static int requestsReceived() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (wm.findAll(anyRequestedFor(anyUrl())).isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        sleep(150);
        return wm.findAll(anyRequestedFor(anyUrl())).size();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** No secret, no URL and no full number in the message or anywhere in the cause chain. */
    static void assertClean(Fakes.Provider p, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.toString();
            for (String secret : p.secrets()) {
                assertThat(text).as("secret in %s", p).doesNotContain(secret);
            }
            for (String number : p.numbers()) {
                assertThat(text).doesNotContain(number.substring(1)).doesNotContain(number.substring(3));
            }
            assertThat(text).doesNotContain("http://").doesNotContain("127.0.0.1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void status429WithRetryAfterInSecondsIsThrottled(Fakes.Provider p) {
        ProviderException e = fail(
                p,
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"rate-overlimit\"}"));
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("rate-overlimit").contains("'" + e.account() + "'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void status429WithRetryAfterAsHttpDateIsThrottledForTheRemainingTime(Fakes.Provider p) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Fakes.NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
        ProviderException e = fail(p, aResponse().withStatus(429).withHeader("Retry-After", date));
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void status503IsThrottledWithoutAWaitWhenNoneIsGiven(Fakes.Provider p) {
        ProviderException e = fail(p, aResponse().withStatus(503).withBody("Service Unavailable"));
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.retryAfter()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void status500TimedOutIsTransient(Fakes.Provider p) {
        ProviderException e = fail(
                p,
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"status\":500,\"error\":\"Internal Server Error\",\"response\":{\"message\":\"Timed Out\"}}"));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("Timed Out");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void status401403And404StopTheAccountNamingIt(Fakes.Provider p) {
        for (int status : new int[] {401, 403, 404}) {
            wm.resetAll();
            ProviderException e = fail(
                    p,
                    aResponse()
                            .withStatus(status)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"message\":\"Unauthorized\"}"));
            assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.ACCOUNT);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.getMessage()).contains("account '" + e.account() + "'").contains("Unauthorized");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void status400IsRejectedAndTheNumberAndTokenItEchoesAreCutOut(Fakes.Provider p) {
        String echoed = String.join(", ", p.numbers()) + " " + String.join(" ", p.secrets());
        ProviderException e = fail(
                p,
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"status\":400,\"error\":\"Bad Request\",\"response\":{\"message\":[\"invalid number "
                                        + echoed.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}}"));
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.getMessage())
                .contains("invalid number")
                .contains("<number ..")
                .contains("<secret>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anAnswerSlowerThanTheTimeoutIsTransientAndDoesNotWaitForIt(Fakes.Provider p) {
        wm.stubFor(p.checkCall()
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_000).withBody("[]")));
        ContactLookup lookup = p.make().apply(wm.baseUrl(), Fakes.SHORT_TIMEOUT);
        wm.resetRequests();
        long start = System.nanoTime();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> lookup.check(p.numbers()));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("no answer within " + Fakes.SHORT_TIMEOUT.toMillis() + " ms");
        assertThat(ms).as("gave up at the timeout, not after the answer").isLessThan(1_800);
        assertClean(p, e);
        // the late answer goes out before the next test, which would otherwise count it
        assertThat(requestsReceived()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aConnectionResetIsTransient(Fakes.Provider p) {
        ProviderException e = fail(p, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), true);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("connection dropped");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aConnectionClosedWithoutAnAnswerIsTransient(Fakes.Provider p) {
        ProviderException e = fail(p, aResponse().withFault(Fault.EMPTY_RESPONSE), true);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.httpStatus()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anAnswerThatIsNotJsonIsTransient(Fakes.Provider p) {
        ProviderException e = fail(
                p,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>502 Bad Gateway</body></html>"));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("not JSON");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aRefusedConnectionIsTransient(Fakes.Provider p) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ContactLookup lookup = p.make("http://127.0.0.1:" + port);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> lookup.check(p.numbers()));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.httpStatus()).isZero();
        assertClean(p, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anAnswerMissingTheDocumentedFieldsIsTransientNotInactive(Fakes.Provider p) {
        ProviderException e = fail(
                p,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"unexpected\":true}"));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("unexpected answer");
    }
}
