package dev.byokstudio.kms;

/** AWS {@code DescribeKeyResponse}. */
public record DescribeKeyResponse(KeyMetadata keyMetadata) {
}
