package dev.byokstudio.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.store.Workspace;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrappingKeyPoolTest {

    @TempDir
    Path tmp;

    @Test
    void take_withoutStock_generatesAFreshPairEveryTime() {
        try (WrappingKeyPool pool = new WrappingKeyPool(new SecureRandom(), Map.of())) {
            KeyPair one = pool.take(WrappingKeySpec.RSA_2048);
            KeyPair two = pool.take(WrappingKeySpec.RSA_2048);

            assertThat(two.getPublic()).isNotEqualTo(one.getPublic());
            assertThat(pool.ready(WrappingKeySpec.RSA_2048)).isZero();
        }
    }

    @Test
    void warm_fillsTheStockToItsTarget_andTakeHandsOutEachPairOnce() throws Exception {
        try (WrappingKeyPool pool = new WrappingKeyPool(new SecureRandom(), Map.of(WrappingKeySpec.RSA_2048, 2))) {
            pool.warm(WrappingKeySpec.RSA_2048);
            assertThat(pool.ready(WrappingKeySpec.RSA_2048)).isEqualTo(2);

            KeyPair one = pool.take(WrappingKeySpec.RSA_2048);
            KeyPair two = pool.take(WrappingKeySpec.RSA_2048);

            assertThat(two.getPublic()).isNotEqualTo(one.getPublic());
        }
    }

    @Test
    void stockKeptInTheWorkspace_isReadyAfterARestartWithoutGenerating() throws Exception {
        Path dir = tmp.resolve("ws");
        byte[] firstPublicKey;
        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"));
                WrappingKeyPool pool = new WrappingKeyPool(new SecureRandom(), Map.of(WrappingKeySpec.RSA_2048, 2),
                        ws.store())) {
            pool.warm(WrappingKeySpec.RSA_2048);
            firstPublicKey = ws.store().pooledWrappingKeys().get(0).publicKey();
        }

        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"));
                WrappingKeyPool pool = new WrappingKeyPool(new SecureRandom(), Map.of(WrappingKeySpec.RSA_2048, 0),
                        ws.store())) {
            assertThat(pool.ready(WrappingKeySpec.RSA_2048)).isEqualTo(2);

            KeyPair taken = pool.take(WrappingKeySpec.RSA_2048);

            assertThat(taken.getPublic().getEncoded()).isEqualTo(firstPublicKey);
            assertThat(ws.store().pooledWrappingKeys()).hasSize(1);
        }
    }
}
