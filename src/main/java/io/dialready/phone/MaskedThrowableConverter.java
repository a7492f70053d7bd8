package io.dialready.phone;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %xEx} (stack traces) with phone numbers masked in the exception messages ({@link LogMasking});
 * {@code %maskedEx} in logback.xml.
 */
public final class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return LogMasking.mask(super.throwableProxyToString(tp));
    }
}
