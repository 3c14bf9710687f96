package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import java.util.Optional;

/**
 * Key material that meets every rule of its key spec, in the one canonical form KMS keeps: the raw
 * bytes for symmetric and HMAC keys; for asymmetric keys an unencrypted PKCS#8 PrivateKeyInfo in DER,
 * rebuilt from the private key alone, so that the same key sent as BER or DER, with or without its
 * public key, is the same material (reference §4.1, §5.3).
 *
 * @param canonical the canonical form; its bytes decide the key material ID
 * @param publicKey the DER SubjectPublicKeyInfo derived from the private key; empty for symmetric and HMAC keys
 */
public record AcceptedMaterial(KeySpec keySpec, SecretBytes canonical, Optional<byte[]> publicKey) {
}
