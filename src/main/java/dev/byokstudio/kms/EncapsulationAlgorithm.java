package dev.byokstudio.kms;

/** AWS {@code EncapsulationAlgorithmSpec}: key encapsulation with ML-KEM keys. */
public enum EncapsulationAlgorithm {
    ML_KEM
}
