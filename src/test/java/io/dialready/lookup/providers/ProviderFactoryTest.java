package io.dialready.lookup.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.lookup.ContactLookup;
import io.dialready.lookup.SandboxLookup;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderFactoryTest {

    private static JobSpec.Account account(
            String name, String tokenEnv, String clientTokenEnv, String userEnv, String passwordEnv) {
        return new JobSpec.Account(
                name,
                "http://127.0.0.1:9",
                "cobranca-01",
                tokenEnv,
                clientTokenEnv,
                userEnv,
                passwordEnv,
                new JobSpec.Rate(20, Duration.ofMinutes(1)),
                1,
                Duration.ofMillis(2000),
                1000);
    }

    private static JobSpec.Lookup lookup(String provider, JobSpec.Account... accounts) {
        return new JobSpec.Lookup(
                provider,
                new JobSpec.Sandbox(0.6, 0, 0, 0.1),
                false,
                false,
                200,
                4,
                Duration.ofDays(7),
                Duration.ofDays(2),
                null,
                Duration.ofSeconds(5),
                JobSpec.Retries.DEFAULT,
                JobSpec.CircuitBreaker.DEFAULT,
                null,
                List.of(accounts));
    }

    @Test
    void makesOneLookupPerAccountOfTheSpecsProvider() {
        Map<String, String> env = Map.of("EVO_1", "k1", "EVO_2", "k2");
        List<ContactLookup> all = new ProviderFactory(
                        lookup(
                                "evolution",
                                account("a", "EVO_1", null, null, null),
                                account("b", "EVO_2", null, null, null)),
                        env::get)
                .all();

        assertThat(all).hasSize(2).allMatch(l -> l instanceof EvolutionLookup);
        assertThat(((EvolutionLookup) all.get(0)).account()).isEqualTo("a");
        assertThat(all.get(0).maxBatch()).as("the spec's batch_size").isEqualTo(200);
        assertThat(all.get(0).hasPhotos()).isTrue();
    }

    @Test
    void eachProviderGetsItsAdapter() {
        Map<String, String> env = Map.of("T", "token", "C", "client", "U", "user", "P", "pw");
        assertThat(new ProviderFactory(lookup("zapi", account("z", "T", "C", null, null)), env::get)
                        .all()
                        .get(0))
                .isInstanceOf(ZapiLookup.class);
        assertThat(new ProviderFactory(lookup("waha", account("w", null, null, null, null)), env::get)
                        .all()
                        .get(0))
                .isInstanceOf(WahaLookup.class)
                .satisfies(l -> assertThat(l.maxBatch()).isEqualTo(1))
                .satisfies(l -> assertThat(l.hasPhotos()).isFalse());
        assertThat(new ProviderFactory(lookup("wppconnect", account("p", "T", null, null, null)), env::get)
                        .all()
                        .get(0))
                .isInstanceOf(WppConnectLookup.class);
        assertThat(new ProviderFactory(lookup("onprem", account("o", null, null, "U", "P")), env::get)
                        .all()
                        .get(0))
                .isInstanceOf(OnPremLookup.class);
        assertThat(new ProviderFactory(lookup("sandbox"), env::get).all())
                .singleElement()
                .isInstanceOf(SandboxLookup.class);
    }

    @Test
    void anUnsetOrEmptyVariableNamesTheAccountAndTheVariableButNoValue() {
        assertThatThrownBy(() -> new ProviderFactory(
                                lookup("evolution", account("cobranca-01", "EVOLUTION_APIKEY", null, null, null)),
                                name -> null)
                        .all())
                .isInstanceOf(JobSpecException.class)
                .hasMessage(
                        "account 'cobranca-01': the environment variable EVOLUTION_APIKEY named by token_env is not "
                                + "set: export it before the run (docs/providers.md)");
        assertThatThrownBy(() -> new ProviderFactory(
                                lookup("zapi", account("z", "T", "ZAPI_CLIENT_TOKEN", null, null)),
                                Map.of("T", "token", "ZAPI_CLIENT_TOKEN", "  ")::get)
                        .all())
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining(
                        "account 'z': the environment variable ZAPI_CLIENT_TOKEN named by client_token_env "
                                + "is empty");
        assertThatThrownBy(() -> new ProviderFactory(
                                lookup("onprem", account("o", null, null, "GW_USER", "GW_PASSWORD")),
                                Map.of("GW_USER", "u")::get)
                        .all())
                .hasMessageContaining("GW_PASSWORD named by password_env is not set");
    }

    @Test
    void allAccountsShareOneHttpClient() {
        ProviderFactory factory =
                new ProviderFactory(lookup("waha", account("a", null, null, null, null)), name -> null);
        assertThat(factory.http()).isSameAs(factory.http());
        assertThat(factory.http().version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(factory.http().connectTimeout()).contains(Duration.ofSeconds(5));
    }
}
