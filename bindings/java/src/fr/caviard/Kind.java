package fr.caviard;

/** The kinds of personal data; {@link #code()} is the C ABI's {@code cav_kind} value. */
public enum Kind {
    PERSON,
    NIR,
    IBAN,
    EMAIL,
    PHONE,
    ADDRESS,
    BIRTH_DATE,
    CARD,
    IP,
    PLATE,
    SIREN,
    SIRET,
    TAX_ID,
    PASSPORT,
    ID_CARD;

    /** The {@code cav_kind} value. */
    public int code() {
        return ordinal();
    }

    /** The kind with this {@code cav_kind} value. */
    public static Kind fromCode(int code) {
        Kind[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("unknown kind " + code);
        }
        return all[code];
    }
}
