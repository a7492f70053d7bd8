package io.dialready.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;

/**
 * Makes the {@link ContactLookup} of each account the spec lists, and checks before the run that every environment
 * variable an account names is set. The sandbox is built in; the HTTP providers come from the provider adapters (docs/
 * providers.md) through {@link #register}.
 */
public final class ContactLookups {

    /** The factory of the HTTP adapters (evolution, zapi, waha, wppconnect, onprem); null until they are wired. */
    private static volatile Function<Context, ContactLookup> adapters;

    /** What an adapter needs to know about its account. */
    public record Context(JobSpec.Lookup lookup, JobSpec.Account account) {
    }

    private ContactLookups() {
    }

    /** Wires the HTTP provider adapters. */
    public static void register(Function<Context, ContactLookup> factory) {
        adapters = factory;
    }

    /** One port per account of the spec, in the spec's order. */
    public static List<ContactLookup> forAccounts(JobSpec.Lookup lookup) {
        List<ContactLookup> ports = new ArrayList<>();
        for (JobSpec.Account a : lookup.accounts()) {
            ports.add(forAccount(lookup, a));
        }
        return ports;
    }

    public static ContactLookup forAccount(JobSpec.Lookup lookup, JobSpec.Account account) {
        if (lookup.provider().equals(SandboxLookup.NAME)) {
            return new SandboxLookup(lookup.sandbox());
        }
        Function<Context, ContactLookup> f = adapters;
        if (f == null) {
            throw new JobSpecException("lookup.provider: provider '" + lookup.provider()
                    + "' is not available in this build (docs/providers.md)");
        }
        return f.apply(new Context(lookup, account));
    }

    /**
     * Checks that every environment variable the accounts name is set and not empty; the message names the account and
     * the variable, never a value.
     */
    public static void checkEnvironment(JobSpec.Lookup lookup, Function<String, String> env) {
        List<JobSpec.Account> accounts = lookup.accounts();
        for (int i = 0; i < accounts.size(); i++) {
            JobSpec.Account a = accounts.get(i);
            String[][] vars = { { "token_env", a.tokenEnv() }, { "client_token_env", a.clientTokenEnv() },
                    { "username_env", a.usernameEnv() }, { "password_env", a.passwordEnv() } };
            for (String[] v : vars) {
                if (v[1] == null) {
                    continue;
                }
                String value = env.apply(v[1]);
                if (value == null || value.isBlank()) {
                    throw new JobSpecException("lookup.accounts[" + i + "]." + v[0] + ": account '" + a.name()
                            + "' needs the environment variable " + v[1] + ", which is not set");
                }
            }
        }
    }
}
