package dev.byokstudio.embedded;

import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.ImportType;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import java.security.SecureRandom;
import java.time.Instant;

/** The client side of an import, as a person does it with OpenSSL: parameters, wrap, import. */
final class ImportFixture {

    static final SecureRandom RANDOM = new SecureRandom();

    private ImportFixture() {
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static GetParametersForImportResponse parameters(Kms kms, String keyId) {
        return parameters(kms, keyId, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048);
    }

    static GetParametersForImportResponse parameters(Kms kms, String keyId, WrappingAlgorithm algorithm,
            WrappingKeySpec spec) {
        return kms.getParametersForImport(new GetParametersForImportRequest(keyId, algorithm, spec));
    }

    static byte[] wrap(GetParametersForImportResponse parameters, byte[] material, WrappingAlgorithm algorithm) {
        try {
            return KeyWrapping.wrap(SecretBytes.copyOf(material), WrappingKeys.publicKey(parameters.publicKey()),
                    algorithm, RANDOM);
        } catch (MaterialFormatException e) {
            throw new AssertionError("KMS returned a public key that cannot be read", e);
        }
    }

    static ImportKeyMaterialRequest request(String keyId, GetParametersForImportResponse parameters, byte[] wrapped) {
        return new ImportKeyMaterialRequest(keyId, parameters.importToken(), wrapped, null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null);
    }

    /** Imports {@code material} without expiry through a fresh RSAES_OAEP_SHA_256 / RSA_2048 token. */
    static ImportKeyMaterialResponse importMaterial(Kms kms, String keyId, byte[] material) {
        GetParametersForImportResponse p = parameters(kms, keyId);
        return kms.importKeyMaterial(request(keyId, p, wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256)));
    }

    static ImportKeyMaterialResponse importExpiring(Kms kms, String keyId, byte[] material, Instant validTo) {
        GetParametersForImportResponse p = parameters(kms, keyId);
        return kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, p.importToken(),
                wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256), validTo, null, null, null, null));
    }

    static ImportKeyMaterialResponse importNew(Kms kms, String keyId, byte[] material) {
        GetParametersForImportResponse p = parameters(kms, keyId);
        return kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, p.importToken(),
                wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, ImportType.NEW_KEY_MATERIAL, null, null));
    }

    static ImportKeyMaterialResponse importExpiringNew(Kms kms, String keyId, byte[] material, Instant validTo) {
        GetParametersForImportResponse p = parameters(kms, keyId);
        return kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, p.importToken(),
                wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256), validTo, null, ImportType.NEW_KEY_MATERIAL,
                null, null));
    }
}
