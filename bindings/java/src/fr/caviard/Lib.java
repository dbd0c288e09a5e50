package fr.caviard;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/** The loaded library and the conversions every wrapper shares. */
final class Lib {
    static final CaviardLibrary LIB = CaviardLibrary.load();

    private Lib() {}

    static CaviardLibrary.SizeT size(long n) {
        return new CaviardLibrary.SizeT(n);
    }

    /** UTF-8 bytes of {@code s}: caviard never receives a JNA-encoded String. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A static NUL-terminated UTF-8 string from the library, or null. */
    static String cString(Pointer p) {
        if (p == null) {
            return null;
        }
        int n = 0;
        while (p.getByte(n) != 0) {
            n++;
        }
        return new String(p.getByteArray(0, n), StandardCharsets.UTF_8);
    }

    /** This thread's last error message. */
    static String lastError() {
        byte[] buf = new byte[1024];
        long n = LIB.cav_last_error_message(buf, size(buf.length)).longValue();
        int len = (int) Math.min(n, buf.length - 1);
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Throws the last error of this thread unless {@code code} is CAV_RESULT_OK. */
    static void check(int code) {
        if (code != CaviardLibrary.CAV_RESULT_OK) {
            throw new CaviardException(code, cString(LIB.cav_result_name(code)), lastError());
        }
    }

    /** Takes a cav_string out of {@code ref}, decodes it and frees it. */
    static String takeString(PointerByReference ref) {
        CaviardLibrary.StringHandle s = new CaviardLibrary.StringHandle(ref.getValue());
        try {
            long n = LIB.cav_string_len(s).longValue();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException("string too large for Java");
            }
            Pointer data = LIB.cav_string_data(s);
            byte[] bytes = n == 0 ? new byte[0] : data.getByteArray(0, (int) n);
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            LIB.cav_string_free(s);
        }
    }
}
