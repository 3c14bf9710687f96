package dev.byokstudio.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.SerializationException;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the members of one KMS request document with the types the service model gives them. A member
 * of the wrong JSON type is a {@link SerializationException}, worded as AWS's JSON front end words it; an
 * enum value outside its set is a validation violation, collected so that it is reported with the
 * request's other violations in one "N validation errors detected" message. Unknown members are ignored,
 * as KMS ignores them; {@code null} counts as absent.
 */
final class RequestReader {

    private final ObjectNode body;
    private final Violations violations = Violations.create();

    RequestReader(ObjectNode body) {
        this.body = body;
    }

    /** The violations found while reading (enum values), to merge with the request's own. */
    Violations violations() {
        return violations;
    }

    private JsonNode member(String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    String string(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(node, "an String");
        }
        return node.textValue();
    }

    Integer integer(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        // Coral truncates a fractional number to the member's integer type.
        if (!node.isNumber() || !node.canConvertToInt()) {
            throw wrongType(node, "an Integer");
        }
        return node.intValue();
    }

    Long longValue(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToLong()) {
            throw wrongType(node, "a Long");
        }
        return node.longValue();
    }

    Boolean bool(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            // AWS's Coral JSON front end reads these strings as booleans, and words others in upper case.
            switch (node.textValue().toLowerCase(java.util.Locale.ROOT)) {
                case "true": case "yes": case "1":
                    return true;
                case "false": case "no": case "0":
                    return false;
                default:
                    throw new SerializationException("'" + node.textValue().toUpperCase(java.util.Locale.ROOT)
                            + "' can not be converted to an Boolean");
            }
        }
        throw wrongType(node, "an Boolean");
    }

    /**
     * An enum member. A value outside the set is recorded as a violation at {@code modelName} (AWS's lower
     * camel case member name) and read as absent.
     */
    <E extends Enum<E>> E enumValue(String name, String modelName, Class<E> type, List<E> allowed) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        for (E e : allowed) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        violations.add(modelName, value, "Member must satisfy enum value set: "
                + allowed.stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]")));
        return null;
    }

    <E extends Enum<E>> E enumValue(String name, String modelName, Class<E> type) {
        return enumValue(name, modelName, type, Arrays.asList(type.getEnumConstants()));
    }

    /**
     * A blob member: standard Base64 in JSON. The value is never repeated in a message, since blobs carry
     * tokens and key material.
     */
    byte[] blob(String name, String modelName) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(node, "a Blob");
        }
        String text = node.textValue();
        if (text.length() % 4 != 0) {
            throw new SerializationException("Value at '" + modelName + "' can not be converted to a Blob: Base64 "
                    + "encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        try {
            return java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Value at '" + modelName + "' can not be converted to a Blob: it is not "
                    + "Base64 (the characters A-Z, a-z, 0-9, + and /, padded with =).");
        }
    }

    /** A timestamp member: epoch seconds, possibly fractional, as the JSON protocol sends them. */
    java.time.Instant timestamp(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(node, "a Date");
        }
        java.math.BigDecimal seconds = node.decimalValue();
        try {
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            int nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return java.time.Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new SerializationException("Value at '" + name + "' is not a time KMS can represent: " + seconds);
        }
    }

    /** A map of strings to strings, such as an encryption context. */
    java.util.Map<String, String> stringMap(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new SerializationException("Expected map or null");
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw wrongType(e.getValue(), "an String");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    List<String> stringList(String name) {
        JsonNode node = list(name);
        if (node == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (item.isNull()) {
                out.add(null);
            } else if (!item.isTextual()) {
                throw wrongType(item, "an String");
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    List<Tag> tags(String name) {
        JsonNode node = list(name);
        if (node == null) {
            return null;
        }
        List<Tag> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (item.isNull()) {
                out.add(null);
                continue;
            }
            if (item.isArray()) {
                throw new SerializationException("Start of list found where not expected");
            }
            if (!item.isObject()) {
                throw new SerializationException("Expected null");
            }
            RequestReader tag = new RequestReader((ObjectNode) item);
            out.add(new Tag(tag.string("TagKey"), tag.string("TagValue")));
        }
        return out;
    }

    /** A list of structures, each read by its own reader; null when absent. */
    List<RequestReader> structures(String name) {
        JsonNode node = list(name);
        if (node == null) {
            return null;
        }
        List<RequestReader> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (item.isArray()) {
                throw new SerializationException("Start of list found where not expected");
            }
            if (!item.isObject()) {
                throw new SerializationException("Expected a structure in " + name + "; found "
                        + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
            }
            out.add(new RequestReader((ObjectNode) item));
        }
        return out;
    }

    private JsonNode list(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new SerializationException("Expected list or null");
        }
        return node;
    }

    private static SerializationException wrongType(JsonNode node, String expected) {
        if (node.isObject()) {
            return new SerializationException("Start of structure or map found where not expected.");
        }
        if (node.isArray()) {
            return new SerializationException("Start of list found where not expected");
        }
        String found;
        if (node.isTextual()) {
            found = "java.lang.String";
        } else if (node.isBoolean()) {
            found = "java.lang.Boolean";
        } else {
            // Coral reads every JSON number as this type before converting it to the member's type.
            found = "com.amazon.coral.value.json.numbers.TruncatingBigNumber";
        }
        return new SerializationException("class " + found + " can not be converted to " + expected);
    }
}
