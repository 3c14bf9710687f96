package dev.byokstudio.material;

import dev.byokstudio.kms.SecretBytes;

/**
 * The result of a conversion: the new material (secret; the caller destroys it when done), what was done
 * in words, the OpenSSL command that does the same, and what the new bytes are.
 */
public record Converted(Conversion conversion, SecretBytes material, String done, String opensslCommand,
        DetectedMaterial detected) {
}
