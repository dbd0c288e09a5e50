package fr.caviard;

/**
 * A failed call into caviard: the result code and the library's message, which never
 * quotes the input text.
 */
public class CaviardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code CAV_RESULT_INVALID_UTF8}. */
    public static final int INVALID_UTF8 = 3;
    /** {@code CAV_RESULT_TOO_LARGE}. */
    public static final int TOO_LARGE = 4;
    /** {@code CAV_RESULT_CONFIG}. */
    public static final int CONFIG = 5;
    /** {@code CAV_RESULT_KEY}. */
    public static final int KEY = 6;
    /** {@code CAV_RESULT_VAULT}. */
    public static final int VAULT = 7;
    /** {@code CAV_RESULT_PANIC}. */
    public static final int PANIC = 8;

    private final int code;
    private final String codeName;

    CaviardException(int code, String codeName, String message) {
        super(codeName + ": " + message);
        this.code = code;
        this.codeName = codeName;
    }

    /** The {@code cav_result} value. */
    public int code() {
        return code;
    }

    /** The {@code cav_result} name, e.g. {@code "CAV_RESULT_KEY"}. */
    public String codeName() {
        return codeName;
    }
}
