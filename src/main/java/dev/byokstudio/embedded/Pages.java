package dev.byokstudio.embedded;

import dev.byokstudio.kms.InvalidMarkerException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Limit/Marker paging as KMS does it: a page of at most Limit entries, and an opaque NextMarker that
 * resumes after the last entry given, whatever was added or removed in between. A marker is only valid
 * for the listing that issued it.
 */
final class Pages {

    record Page<T>(List<T> items, String nextMarker, boolean truncated) {
    }

    private Pages() {
    }

    /**
     * @param sorted the entries, ordered by {@code sortKey}
     * @param listing a name for the listing, so that its markers are refused by other listings
     */
    static <T> Page<T> page(List<T> sorted, Function<T, String> sortKey, String listing, Integer limit,
            int defaultLimit, String marker) {
        int size = limit == null ? defaultLimit : limit;
        String after = marker == null ? null : decode(marker, listing);
        List<T> items = new ArrayList<>();
        boolean truncated = false;
        for (T item : sorted) {
            if (after != null && sortKey.apply(item).compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == size) {
                truncated = true;
                break;
            }
            items.add(item);
        }
        String next = truncated ? encode(listing, sortKey.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items, next, truncated);
    }

    private static String encode(String listing, String sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "\n" + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker, String listing) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidMarkerException("");
        }
        String prefix = listing + "\n";
        if (!decoded.startsWith(prefix)) {
            throw new InvalidMarkerException("");
        }
        return decoded.substring(prefix.length());
    }
}
