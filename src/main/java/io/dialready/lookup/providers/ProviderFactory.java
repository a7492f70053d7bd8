package io.dialready.lookup.providers;

import io.dialready.lookup.ContactLookup;
import io.dialready.lookup.SandboxLookup;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Makes the {@link ContactLookup} of each provider account of a job spec. Secrets are read here, from the environment
 * variables the spec names (token_env, client_token_env, username_env, password_env), through an environment lookup
 * so that tests need no real environment; an unset or empty variable is a {@link JobSpecException} naming the account
 * and the variable, never its value. All accounts of a run share one JDK {@link HttpClient} (HTTP/1.1, the spec's
 * timeout_ms as connect timeout and as each request's timeout).
 */
public final class ProviderFactory {

    private final JobSpec.Lookup lookup;
    private final Function<String, String> env;
    private final Clock clock;
    private HttpClient http;
    private boolean forceCheck;

    public ProviderFactory(JobSpec.Lookup lookup, Function<String, String> env) {
        this(lookup, env, Clock.systemUTC());
    }

    public ProviderFactory(JobSpec.Lookup lookup, Function<String, String> env, Clock clock) {
        this.lookup = lookup;
        this.env = env;
        this.clock = clock;
    }

    /**
     * Whether providers that keep their own cache are asked not to use it (the On-Premises-shaped
     * {@code force_check}); a run with {@code --force-recheck} sets it. Default false.
     */
    public ProviderFactory forceCheck(boolean force) {
        this.forceCheck = force;
        return this;
    }

    /** The factory for a real run: secrets from the process environment. */
    public static ProviderFactory fromEnvironment(JobSpec.Lookup lookup) {
        return new ProviderFactory(lookup, System::getenv);
    }

    /**
     * One lookup per account, in the spec's order. The sandbox without accounts gives one unnamed sandbox lookup.
     *
     * @throws JobSpecException when a named environment variable is unset or empty
     */
    public List<ContactLookup> all() {
        if (lookup.accounts().isEmpty()) {
            if (!lookup.provider().equals(SandboxLookup.NAME)) {
                throw new JobSpecException("lookup.accounts is required with provider '" + lookup.provider() + "'");
            }
            return List.of(new SandboxLookup(lookup.sandbox()));
        }
        List<ContactLookup> all = new ArrayList<>();
        for (JobSpec.Account account : lookup.accounts()) {
            all.add(forAccount(account));
        }
        return List.copyOf(all);
    }

    /**
     * The lookup of one account.
     *
     * @throws JobSpecException when a named environment variable is unset or empty
     */
    public ContactLookup forAccount(JobSpec.Account a) {
        Duration timeout = lookup.timeout();
        int batch = lookup.batchSize();
        Secrets s = secrets(a);
        return switch (lookup.provider()) {
            case SandboxLookup.NAME -> new SandboxLookup(lookup.sandbox());
            case EvolutionLookup.NAME ->
                new EvolutionLookup(a.name(), a.baseUrl(), a.instance(), s.token(), batch, http(), timeout, clock);
            case ZapiLookup.NAME ->
                new ZapiLookup(
                        a.name(), a.baseUrl(), a.instance(), s.token(), s.clientToken(), batch, http(), timeout, clock);
            case WahaLookup.NAME ->
                new WahaLookup(a.name(), a.baseUrl(), a.instance(), s.token(), http(), timeout, clock);
            case WppConnectLookup.NAME ->
                new WppConnectLookup(a.name(), a.baseUrl(), a.instance(), s.token(), http(), timeout, clock);
            case OnPremLookup.NAME ->
                new OnPremLookup(
                        a.name(),
                        a.baseUrl(),
                        s.token(),
                        s.username(),
                        s.password(),
                        forceCheck,
                        batch,
                        http(),
                        timeout,
                        clock);
            default ->
                throw new JobSpecException("lookup.provider names an unknown provider '" + lookup.provider() + "'");
        };
    }

    /**
     * Checks that every environment variable the accounts name is set and not empty, without making any lookup:
     * the command line calls it before the run starts.
     *
     * @throws JobSpecException naming the first account and variable that is missing
     */
    public void checkEnvironment() {
        for (JobSpec.Account a : lookup.accounts()) {
            secrets(a);
        }
    }

    private record Secrets(String token, String clientToken, String username, String password) {}

    private Secrets secrets(JobSpec.Account a) {
        return switch (lookup.provider()) {
            case EvolutionLookup.NAME, WppConnectLookup.NAME ->
                new Secrets(secret(a, "token_env", a.tokenEnv(), true), null, null, null);
            case ZapiLookup.NAME ->
                new Secrets(
                        secret(a, "token_env", a.tokenEnv(), true),
                        secret(a, "client_token_env", a.clientTokenEnv(), false),
                        null,
                        null);
            case WahaLookup.NAME -> new Secrets(secret(a, "token_env", a.tokenEnv(), false), null, null, null);
            case OnPremLookup.NAME -> {
                String token = secret(a, "token_env", a.tokenEnv(), false);
                yield token != null
                        ? new Secrets(token, null, null, null)
                        : new Secrets(
                                null,
                                null,
                                secret(a, "username_env", a.usernameEnv(), true),
                                secret(a, "password_env", a.passwordEnv(), true));
            }
            default -> new Secrets(null, null, null, null);
        };
    }

    /** The run's HTTP client, made on first use. */
    public synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(lookup.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    /**
     * The value of the variable the spec key names; null when the key is not set and the secret is optional.
     */
    private String secret(JobSpec.Account a, String key, String variable, boolean required) {
        if (variable == null) {
            if (required) {
                throw new JobSpecException("account '" + a.name() + "': lookup.accounts[].'" + key
                        + "' is required with provider '" + lookup.provider() + "'");
            }
            return null;
        }
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            throw new JobSpecException("account '" + a.name() + "': the environment variable " + variable
                    + " named by " + key + " is " + (value == null ? "not set" : "empty")
                    + ": export it before the run (docs/providers.md)");
        }
        return value.strip();
    }
}
