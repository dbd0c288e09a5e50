package fr.caviard;

/** How a session replaces a value; {@link #code()} is the C ABI's {@code cav_operator}. */
public enum Operator {
    /** {@code [PERSON_1]}: readable by a model, stable within a session (default). */
    TAG,
    /** Keeps the shape, hides the value. */
    MASK,
    /** Removes the value, leaves the kind. */
    REDACT,
    /** A keyed fingerprint, prefixed by the kind. */
    HASH,
    /** A realistic fake of the same kind. */
    SURROGATE;

    /** The {@code cav_operator} value. */
    public int code() {
        return ordinal();
    }
}
