package io.dialready.lookup;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.spec.JobSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in provider for demos, tests and benchmarks: no network, no account, answers that are deterministic per
 * number (the same number always gets the same answer for the same seed). A configurable share of numbers is active,
 * and a share of the active Brazilian mobiles answer with their legacy 8-digit registered form, as real gateways do.
 * Every output names it "sandbox" so that nobody takes its answers for real checks.
 */
public final class SandboxLookup implements ContactLookup {

    public static final String NAME = "sandbox";

    private final JobSpec.Sandbox settings;

    public SandboxLookup(JobSpec.Sandbox settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, LookupResult> check(List<String> e164Numbers) {
        if (settings.latencyMs() > 0) {
            try {
                Thread.sleep(settings.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Map<String, LookupResult> unknown = new HashMap<>();
                e164Numbers.forEach(n -> unknown.put(n, LookupResult.UNKNOWN));
                return unknown;
            }
        }
        Map<String, LookupResult> answers = new HashMap<>(e164Numbers.size() * 2);
        for (String number : e164Numbers) {
            answers.put(number, answer(number));
        }
        return answers;
    }

    LookupResult answer(String e164) {
        long h = mix(e164.hashCode() * 0x9E3779B97F4A7C15L + settings.seed());
        double u = (h >>> 11) * 0x1.0p-53;
        if (u >= settings.activeShare()) {
            return new LookupResult(WhatsAppStatus.INACTIVE, null);
        }
        String digits = e164.substring(1);
        double v = (mix(h) >>> 11) * 0x1.0p-53;
        // +55 DD 9XXXXXXXX: some accounts are still registered as +55 DD XXXXXXXX
        if (digits.startsWith("55")
                && digits.length() == 13
                && digits.charAt(4) == '9'
                && v < settings.legacyFormShare()) {
            digits = digits.substring(0, 4) + digits.substring(5);
        }
        return new LookupResult(WhatsAppStatus.ACTIVE, digits);
    }

    /** Share of active numbers the sandbox gives a profile photo; the others have none (hidden or unset). */
    static final double PHOTO_SHARE = 0.7;

    @Override
    public boolean hasPhotos() {
        return true;
    }

    /**
     * A deterministic photo for about {@value #PHOTO_SHARE} of the active numbers, at
     * {@code https://sandbox.invalid/photo/<hash>.jpg} (the .invalid domain never resolves); none for the others and
     * for numbers that are not active.
     */
    @Override
    public ProfilePhoto profilePhoto(String e164, String whatsappId) {
        if (answer(e164).status() != WhatsAppStatus.ACTIVE) {
            return ProfilePhoto.NONE;
        }
        long h = mix(mix(e164.hashCode() * 0xC2B2AE3D27D4EB4FL + settings.seed()) ^ 0x5DEECE66DL);
        double u = (h >>> 11) * 0x1.0p-53;
        if (u >= PHOTO_SHARE) {
            return ProfilePhoto.NONE;
        }
        return new ProfilePhoto(true, "https://sandbox.invalid/photo/" + String.format("%016x", h) + ".jpg");
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
