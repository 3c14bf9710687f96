package dev.byokstudio.policy;

/**
 * A policy document that cannot be evaluated because its JSON or its shape is wrong. The message says
 * where, what was expected and what was found, in words meant for people (no parser internals).
 */
public final class PolicyDocumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final String expected;
    private final String found;

    public PolicyDocumentException(String where, String expected, String found) {
        super(where + ": expected " + expected + ", found " + found + ".");
        this.where = where;
        this.expected = expected;
        this.found = found;
    }

    /** The part of the document at fault, e.g. "Statement 2, Condition". */
    public String where() {
        return where;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
