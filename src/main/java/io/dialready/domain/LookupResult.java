package io.dialready.domain;

/**
 * A provider's answer for one number.
 *
 * @param whatsappId the number as the provider says it is registered (digits, no '+'), which may differ from the
 *                   number asked, e.g. a Brazilian mobile registered before the ninth digit; null when not ACTIVE
 */
public record LookupResult(WhatsAppStatus status, String whatsappId) {

    public static final LookupResult PENDING = new LookupResult(WhatsAppStatus.PENDING, null);
    public static final LookupResult SKIPPED = new LookupResult(WhatsAppStatus.SKIPPED, null);
    public static final LookupResult UNKNOWN = new LookupResult(WhatsAppStatus.UNKNOWN, null);
}
