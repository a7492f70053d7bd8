package io.dialready.lookup;

import io.dialready.lookup.ProviderException.Kind;
import java.time.Duration;
import java.time.Instant;

/**
 * One profile photo request of the engine, retried like a check (429s slow the account down, transient failures back
 * off), paced like a check, but spending no daily quota. A photo that cannot be fetched is just no photo; an account
 * error drops the account as a check's would.
 */
final class PhotoCall {

    private final LookupEngine engine;
    private final String e164;
    private final String whatsappId;

    PhotoCall(LookupEngine engine, String e164, String whatsappId) {
        this.engine = engine;
        this.e164 = e164;
        this.whatsappId = whatsappId;
    }

    void run() throws InterruptedException {
        long carried = 0;
        for (int attempt = 1; ; attempt++) {
            carried += engine.breaker().await();
            if (engine.stop() == LookupEngine.Stop.PROVIDER_FAILED) {
                return;
            }
            LookupEngine.Call c = engine.placePhoto(carried);
            if (c == null) {
                return; // every account was dropped
            }
            LookupAccount a = c.account();
            long waited = carried + LookupEngine.sleepUntil(c.slot());
            waited += LookupEngine.sleepUntil(engine.pausedUntil(a));
            carried = 0;
            long windowStart = System.nanoTime();
            a.window.acquire(1);
            waited += (System.nanoTime() - windowStart) / 1_000_000;
            ProviderException failure;
            Instant sentAt = Instant.now();
            try {
                ProfilePhoto p;
                try {
                    p = a.port.profilePhoto(e164, whatsappId);
                } finally {
                    engine.opened(a);
                }
                engine.recorder().call(a.name(), "photo", 1, attempt, "ok", waited, sentAt, 0);
                engine.recorder().photo(e164, p == null ? ProfilePhoto.NONE : p);
                engine.breaker().succeeded();
                return;
            } catch (ProviderException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = LookupEngine.unexpected(a, e);
            }
            engine.recorder().call(a.name(), "photo", 1, attempt, failure.kind().name(), waited, sentAt, 0);
            boolean last = attempt >= engine.settings().retries().maxAttempts();
            if (failure.kind() == Kind.ACCOUNT || (failure.kind() == Kind.NOT_READY && last)) {
                engine.drop(a, CheckCall.reason(a, failure));
                continue; // another account may fetch it
            }
            if (failure.kind() == Kind.REJECTED || last) {
                engine.recorder().photo(e164, null);
                if (failure.kind() != Kind.REJECTED) {
                    engine.breaker().failed(a.name(), failure);
                }
                return;
            }
            Duration wait = failure.retryAfter() != null ? failure.retryAfter() : engine.backoff(attempt);
            if (failure.kind() == Kind.THROTTLED) {
                long now = System.nanoTime();
                engine.locked(() -> a.pacer.throttled(now, wait.toNanos()));
            } else {
                carried += LookupEngine.sleep(wait.toNanos());
            }
        }
    }
}
