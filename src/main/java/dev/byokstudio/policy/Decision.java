package dev.byokstudio.policy;

/** The outcome of evaluating policies for one request (reference §14.2). */
public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }
