package dev.byokstudio.material;

import java.util.Arrays;
import java.util.Optional;

/**
 * Material in canonical form, as the rules build it once every rule has passed.
 *
 * @param material the canonical bytes (secret): raw bytes, or a DER PKCS#8 PrivateKeyInfo
 * @param publicKey the DER SubjectPublicKeyInfo derived from the private key; empty for raw material
 */
record CanonicalKey(byte[] material, Optional<byte[]> publicKey) {

    void clear() {
        Arrays.fill(material, (byte) 0);
    }

    @Override
    public String toString() {
        return "CanonicalKey[" + material.length + " bytes]";
    }
}
