package dev.byokstudio.kms;

/** AWS {@code GenerateRandomRequest}: 1 to 1024 random bytes. */
public record GenerateRandomRequest(Integer numberOfBytes, String customKeyStoreId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.range("numberOfBytes", numberOfBytes, 1, 1024);
        v.length("customKeyStoreId", customKeyStoreId, 1, 64);
        return v;
    }
}
