package dev.byokstudio.kms;

import java.util.List;

/** Where the other keys of a multi-Region key set are (AWS {@code MultiRegionConfiguration}). */
public record MultiRegionConfiguration(MultiRegionKeyType multiRegionKeyType, MultiRegionKey primaryKey,
        List<MultiRegionKey> replicaKeys) {

    public MultiRegionConfiguration {
        replicaKeys = List.copyOf(replicaKeys);
    }
}
