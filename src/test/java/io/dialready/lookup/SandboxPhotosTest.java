package io.dialready.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.spec.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxPhotosTest {

    @Test
    void activeNumbersGetDeterministicPhotosAtTheInvalidDomainAndOthersNone() {
        SandboxLookup sandbox = new SandboxLookup(new JobSpec.Sandbox(0.6, 0, 0, 0.1));
        SandboxLookup again = new SandboxLookup(new JobSpec.Sandbox(0.6, 0, 0, 0.1));
        SandboxLookup otherSeed = new SandboxLookup(new JobSpec.Sandbox(0.6, 0, 7, 0.1));
        assertThat(sandbox.hasPhotos()).isTrue();
        int active = 0;
        int withPhoto = 0;
        int differ = 0;
        for (int i = 0; i < 2000; i++) {
            String n = String.format("+55119%08d", 10_000_000 + i * 37);
            LookupResult r = sandbox.check(List.of(n)).get(n);
            ProfilePhoto p = sandbox.profilePhoto(n, r.whatsappId());
            assertThat(again.profilePhoto(n, r.whatsappId())).isEqualTo(p);
            if (r.status() != WhatsAppStatus.ACTIVE) {
                assertThat(p).isEqualTo(ProfilePhoto.NONE);
                continue;
            }
            active++;
            if (p.present()) {
                withPhoto++;
                assertThat(p.url()).matches("https://sandbox\\.invalid/photo/[0-9a-f]{16}\\.jpg");
                if (!p.equals(otherSeed.profilePhoto(n, r.whatsappId()))) {
                    differ++;
                }
            } else {
                assertThat(p.url()).isNull();
            }
        }
        assertThat((double) withPhoto / active).isBetween(0.65, 0.75);
        assertThat(differ).as("the seed changes the photos").isPositive();
    }
}
