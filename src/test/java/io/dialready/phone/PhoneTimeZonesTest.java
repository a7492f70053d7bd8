package io.dialready.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PhoneTimeZonesTest {

    private final PhoneTimeZones zones = new PhoneTimeZones();

    private static ZoneOffset offset(String zone, String instant) {
        return ZoneId.of(zone).getRules().getOffset(Instant.parse(instant));
    }

    @Test
    void brazilUtcMinus3FromTheAreaCode() {
        assertThat(zones.of("+5511987654321")).isEqualTo(new PhoneTimeZones.Zone("BR", "SP", "America/Sao_Paulo"));
        assertThat(zones.of("+5521998765432").state()).isEqualTo("RJ");
        assertThat(zones.of("+5571988887777")).isEqualTo(new PhoneTimeZones.Zone("BR", "BA", "America/Bahia"));
        assertThat(zones.of("+5581988887777")).isEqualTo(new PhoneTimeZones.Zone("BR", "PE", "America/Recife"));
        assertThat(zones.of("+5591988887777").timeZone()).isEqualTo("America/Belem");
    }

    @Test
    void brazilUtcMinus4AndMinus5() {
        assertThat(zones.of("+5592988887777")).isEqualTo(new PhoneTimeZones.Zone("BR", "AM", "America/Manaus"));
        assertThat(zones.of("+5565988887777")).isEqualTo(new PhoneTimeZones.Zone("BR", "MT", "America/Cuiaba"));
        assertThat(zones.of("+5567988887777").timeZone()).isEqualTo("America/Campo_Grande");
        assertThat(zones.of("+5569988887777").timeZone()).isEqualTo("America/Porto_Velho");
        assertThat(zones.of("+5595988887777").timeZone()).isEqualTo("America/Boa_Vista");
        assertThat(zones.of("+5568988887777")).isEqualTo(new PhoneTimeZones.Zone("BR", "AC", "America/Rio_Branco"));
    }

    @Test
    void brazilOffsetsHaveNoDaylightSaving() {
        // January (the old Brazilian summer time) and July give the same offsets
        for (String when : new String[] {"2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z"}) {
            assertThat(offset(zones.of("+5511987654321").timeZone(), when)).isEqualTo(ZoneOffset.ofHours(-3));
            assertThat(offset(zones.of("+5592988887777").timeZone(), when)).isEqualTo(ZoneOffset.ofHours(-4));
            assertThat(offset(zones.of("+5565988887777").timeZone(), when)).isEqualTo(ZoneOffset.ofHours(-4));
            assertThat(offset(zones.of("+5568988887777").timeZone(), when)).isEqualTo(ZoneOffset.ofHours(-5));
            // the fourth zone, UTC-2, is Fernando de Noronha's: it shares DDD 81 and gets Pernambuco's zone
            assertThat(offset("America/Noronha", when)).isEqualTo(ZoneOffset.ofHours(-2));
            assertThat(offset(zones.of("+5581988887777").timeZone(), when)).isEqualTo(ZoneOffset.ofHours(-3));
        }
    }

    @Test
    void fernandoDeNoronhaFixedLinesAreUtcMinus2() {
        // 81 3619 is the island's fixed-line prefix (libphonenumber 9.0.43 geocoder: "Fernando de Noronha - PE")
        PhoneTimeZones.Zone island = zones.of("+558136191234");
        assertThat(island).isEqualTo(new PhoneTimeZones.Zone("BR", "PE", "America/Noronha"));
        assertThat(offset(island.timeZone(), "2026-07-15T12:00:00Z")).isEqualTo(ZoneOffset.ofHours(-2));
        // Recife's fixed lines and every DDD 81 mobile (used anywhere) keep Pernambuco's UTC-3
        assertThat(zones.of("+558133331234").timeZone()).isEqualTo("America/Recife");
        assertThat(zones.of("+5581936191234").timeZone()).isEqualTo("America/Recife");
    }

    @Test
    void everyBrazilianAreaCodeHasAZone() {
        int[] ddds = {
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
            47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85,
            86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99
        };
        assertThat(ddds).hasSize(67);
        for (int ddd : ddds) {
            PhoneTimeZones.Zone z = zones.of("+55" + ddd + "987654321");
            assertThat(z.state()).as("DDD %d", ddd).isNotNull();
            assertThat(ZoneId.of(z.timeZone())).as("DDD %d", ddd).isNotNull();
        }
    }

    @Test
    void indiaIsOneZoneAndOtherCountriesComeFromLibphonenumber() {
        assertThat(zones.of("+919876543210")).isEqualTo(new PhoneTimeZones.Zone("IN", null, "Asia/Kolkata"));
        assertThat(zones.of("+912212345678").timeZone()).isEqualTo("Asia/Kolkata");
        assertThat(zones.of("+12125551234")).isEqualTo(new PhoneTimeZones.Zone("US", null, "America/New_York"));
        assertThat(zones.of("+13105551234").timeZone()).isEqualTo("America/Los_Angeles");
        assertThat(zones.of("not a number")).isEqualTo(new PhoneTimeZones.Zone(null, null, null));
    }

    @Test
    void numbersWithoutAKnownAreaOrZoneGetNone() {
        // 20 is no Brazilian area code; +800 (international freephone) has no time zone in libphonenumber
        assertThat(zones.of("+552098765432")).isEqualTo(new PhoneTimeZones.Zone("BR", null, null));
        assertThat(zones.of("+80012345678").timeZone()).isNull();
        assertThat(zones.of("+5511987654321")).as("asked twice, from the cache").isEqualTo(zones.of("+5511987654321"));
    }
}
