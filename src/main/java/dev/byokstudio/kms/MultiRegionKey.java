package dev.byokstudio.kms;

/** One key of a multi-Region key set (AWS {@code MultiRegionKey}). */
public record MultiRegionKey(String arn, String region) {
}
