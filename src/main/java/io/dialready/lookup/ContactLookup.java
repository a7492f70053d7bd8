package io.dialready.lookup;

import java.util.List;
import java.util.Map;

/**
 * The port every WhatsApp contact-check provider implements: answers for a whole batch of numbers at once, so that
 * providers with bulk calls can use them and single-number providers can work through the batch concurrently.
 */
public interface ContactLookup {

    /** Short name written in every output ("sandbox", "evolution", ...). */
    String name();

    /**
     * Checks the given E.164 numbers (distinct, each with its '+'). The map has an entry for every number asked; a
     * number the provider did not answer for is {@link WhatsAppStatus#UNKNOWN}, never INACTIVE.
     */
    Map<String, LookupResult> check(List<String> e164Numbers);
}
