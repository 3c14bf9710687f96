package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code ListResourceTagsResponse}. */
public record ListResourceTagsResponse(List<Tag> tags, String nextMarker, boolean truncated) {
}
