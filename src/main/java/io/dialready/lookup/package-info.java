/**
 * Lookup: the {@link io.dialready.lookup.ContactLookup} port that answers "is this number on WhatsApp?" for a batch of
 * numbers, the built-in {@link io.dialready.lookup.SandboxLookup}, the real gateways in {@code providers/}, and the
 * {@link io.dialready.lookup.LookupService} that applies the spec's lookup policy to a chunk's unique numbers.
 */
package io.dialready.lookup;
