package dev.byokstudio.store;

import static dev.byokstudio.store.WorkspaceFixture.indexOf;
import static dev.byokstudio.store.WorkspaceFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.kms.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing of secrets at rest, each value bound to its place. */
class SealerTest {

    private static final String PLACE = "key-material/1234abcd-12ab-34cd-56ef-1234567890ab/"
            + "0000000000000000000000000000000000000000000000000000000000000001";

    private final byte[] secret = randomBytes(32);
    private final Sealer sealer = new Sealer(SecretBytes.wrap(randomBytes(32)), new SecureRandom());

    @Test
    void sealedValue_opensUnderItsPlace_toTheSameBytes() {
        byte[] sealed = sealer.seal(secret, PLACE);

        assertThat(sealer.open(sealed, PLACE).revealCopy()).isEqualTo(secret);
    }

    @Test
    void sealedSecretBytes_opensToTheSameBytes() {
        byte[] sealed = sealer.seal(SecretBytes.copyOf(secret), "secret/import-token-sealing-key");

        assertThat(sealer.open(sealed, "secret/import-token-sealing-key").revealCopy()).isEqualTo(secret);
    }

    @Test
    void sealedValue_doesNotContainThePlaintext_andDiffersEachTime() {
        byte[] first = sealer.seal(secret, PLACE);
        byte[] second = sealer.seal(secret, PLACE);

        assertThat(indexOf(first, secret)).isEqualTo(-1);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.length).as("version, nonce, ciphertext, tag").isEqualTo(1 + 12 + secret.length + 16);
    }

    @Test
    void sealedValue_movedToAnotherPlace_doesNotOpen() {
        byte[] sealed = sealer.seal(secret, PLACE);

        assertCorrupt(() -> sealer.open(sealed, PLACE.replace("0001", "0002")));
        assertCorrupt(() -> sealer.open(sealed, "wrapping-key/0001"));
        assertCorrupt(() -> sealer.open(sealed, "secret/import-token-sealing-key"));
    }

    @Test
    void sealedValue_underAnotherWorkspaceKey_doesNotOpen() {
        byte[] sealed = sealer.seal(secret, PLACE);
        Sealer other = new Sealer(SecretBytes.wrap(randomBytes(32)), new SecureRandom());

        assertCorrupt(() -> other.open(sealed, PLACE));
    }

    @Test
    void sealedValue_withAnyOneBitFlipped_doesNotOpen() {
        byte[] sealed = sealer.seal(secret, PLACE);

        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] altered = sealed.clone();
            altered[bit / 8] ^= (byte) (1 << (bit % 8));
            int flipped = bit;
            WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> sealer.open(altered, PLACE));
            assertThat(e).as("bit %d flipped", flipped).isNotNull();
            assertThat(e.problem()).isEqualTo(WorkspaceException.Problem.CORRUPT);
        }
    }

    @Test
    void truncatedValue_isCorrupt_atEveryLength() {
        byte[] sealed = sealer.seal(secret, PLACE);

        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            int n = length;
            WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> sealer.open(truncated, PLACE));
            assertThat(e).as("truncated to %d bytes", n).isNotNull();
            assertThat(e.problem()).isEqualTo(WorkspaceException.Problem.CORRUPT);
        }
    }

    @Test
    void missingValue_isCorrupt() {
        assertCorrupt(() -> sealer.open(null, PLACE));
    }

    @Test
    void corruptMessage_namesThePlaceAndOffersWaysOut_butNotTheSecret() {
        byte[] sealed = sealer.seal(secret, PLACE);

        WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> sealer.open(sealed, "secret/other"));

        assertThat(e.getMessage()).contains("secret/other");
        assertThat(e.waysOut()).isNotEmpty();
        assertThat(e.getMessage()).doesNotContain(java.util.HexFormat.of().formatHex(secret));
    }

    @Test
    void workspaceKeyOfAnotherLength_isRefused() {
        assertThatThrownBy(() -> new Sealer(SecretBytes.wrap(randomBytes(16)), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    }

    private static void assertCorrupt(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        WorkspaceException e = catchThrowableOfType(WorkspaceException.class, call);
        assertThat(e).as("WorkspaceException thrown").isNotNull();
        assertThat(e.problem()).isEqualTo(WorkspaceException.Problem.CORRUPT);
    }
}
