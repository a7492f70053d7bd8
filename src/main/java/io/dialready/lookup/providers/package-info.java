/**
 * The real WhatsApp gateways behind the {@link io.dialready.lookup.ContactLookup} port: Evolution API v2, Z-API, WAHA,
 * WPPConnect server and On-Premises-shaped {@code /v1/contacts} gateways, each a thin adapter that makes exactly one
 * HTTP request per call, maps the provider's documented answers to statuses and registered forms, and turns every
 * failure into a {@link io.dialready.lookup.ProviderException} of the kind the engine acts on (it never retries, sleeps
 * or rate-limits). {@link io.dialready.lookup.providers.ProviderFactory} makes one per account of the job spec, with
 * secrets read from the environment variables the spec names. Documented in docs/providers.md.
 */
package io.dialready.lookup.providers;
