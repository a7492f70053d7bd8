package io.dialready.lookup;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import java.util.List;
import java.util.Map;

/**
 * The port every WhatsApp contact-check provider implements, one instance per provider account. Each call of
 * {@link #check} or {@link #profilePhoto} is exactly one request to the provider (a bulk call for providers that take
 * many numbers at once), so that the caller can count calls, pace them through the account's rate limiter, retry them
 * and stop them; adapters do not retry or sleep themselves.
 */
public interface ContactLookup {

    /** Short name of the provider written in every output ("sandbox", "evolution", ...). */
    String name();

    /** Most numbers one {@link #check} call may carry: 1 for providers that check one number per request. */
    default int maxBatch() {
        return Integer.MAX_VALUE;
    }

    /**
     * Checks the given E.164 numbers (distinct, each with its '+', at most {@link #maxBatch()}) in one request. The map
     * has an entry for every number asked; a number the provider left out of its answer is
     * {@link WhatsAppStatus#UNKNOWN}, never INACTIVE.
     *
     * @throws ProviderException when the request failed as a whole (the kind tells the caller what to do)
     */
    Map<String, LookupResult> check(List<String> e164Numbers) throws ProviderException;

    /**
     * Whether this provider's "no account" may be a failed lookup in disguise, so that a first negative is asked again
     * later in the run before it is believed (unless the spec's {@code confirm_negatives} says otherwise).
     */
    default boolean negativesNeedConfirmation() {
        return false;
    }

    /** Whether this provider can fetch profile photos at all. */
    default boolean hasPhotos() {
        return false;
    }

    /**
     * Fetches the profile photo of an active number in one request. A hidden or unset photo is
     * {@link ProfilePhoto#NONE}, not an error.
     *
     * @param e164 the number as asked (with '+')
     * @param whatsappId the registered form the check returned (digits), which the provider may need instead
     */
    default ProfilePhoto profilePhoto(String e164, String whatsappId) throws ProviderException {
        return ProfilePhoto.NONE;
    }
}
