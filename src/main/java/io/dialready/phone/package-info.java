/**
 * Phones: turns raw phone values from debtor files into {@link io.dialready.domain.PhoneCandidate}s with
 * libphonenumber, applying the Brazilian repairs (carrier prefix, trunk zero, legacy 8-digit mobiles).
 */
package io.dialready.phone;
