package fr.caviard;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * A pseudonymisation session: the same value always gets the same pseudonym, and
 * {@link #restore} puts the values back into a model's answer. Methods are synchronized
 * (the native session is used by one thread at a time). Independent of the engine: it
 * may be closed before or after it.
 */
public final class Session implements AutoCloseable {
    private CaviardLibrary.SessionHandle handle;

    Session(CaviardLibrary.SessionHandle handle) {
        this.handle = handle;
    }

    /** The text and its audit report (JSON), from {@link #pseudonymiseWithReport}. */
    public static final class Result {
        /** The pseudonymised text. */
        public final String text;
        /** The audit report as JSON (never the values). */
        public final String reportJson;

        Result(String text, String reportJson) {
            this.text = text;
            this.reportJson = reportJson;
        }
    }

    /** Replaces every finding in {@code text} by its pseudonym. */
    public synchronized String pseudonymise(String text) {
        byte[] utf8 = Lib.utf8(text);
        PointerByReference out = new PointerByReference();
        Lib.check(Lib.LIB.cav_session_pseudonymise(live(), utf8, Lib.size(utf8.length), out));
        return Lib.takeString(out);
    }

    /** Like {@link #pseudonymise}, also returning the audit report. */
    public synchronized Result pseudonymiseWithReport(String text) {
        byte[] utf8 = Lib.utf8(text);
        PointerByReference out = new PointerByReference();
        PointerByReference report = new PointerByReference();
        Lib.check(
                Lib.LIB.cav_session_pseudonymise_report(
                        live(), utf8, Lib.size(utf8.length), out, report));
        String masked = Lib.takeString(out);
        return new Result(masked, Lib.takeString(report));
    }

    /** Puts the session's original values back into {@code text}. */
    public synchronized String restore(String text) {
        byte[] utf8 = Lib.utf8(text);
        PointerByReference out = new PointerByReference();
        Lib.check(Lib.LIB.cav_session_restore(live(), utf8, Lib.size(utf8.length), out));
        return Lib.takeString(out);
    }

    /** The session's mapping, encrypted: reload it with {@link Engine#sessionFromVault}. */
    public synchronized byte[] exportVault() {
        PointerByReference out = new PointerByReference();
        Lib.check(Lib.LIB.cav_session_export_vault(live(), out));
        CaviardLibrary.BytesHandle b = new CaviardLibrary.BytesHandle(out.getValue());
        try {
            long n = Lib.LIB.cav_bytes_len(b).longValue();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException("vault too large for Java");
            }
            Pointer data = Lib.LIB.cav_bytes_data(b);
            return n == 0 ? new byte[0] : data.getByteArray(0, (int) n);
        } finally {
            Lib.LIB.cav_bytes_free(b);
        }
    }

    private CaviardLibrary.SessionHandle live() {
        if (handle == null) {
            throw new IllegalStateException("session is closed");
        }
        return handle;
    }

    /** Frees the native session; idempotent. */
    @Override
    public synchronized void close() {
        if (handle != null) {
            Lib.LIB.cav_session_free(handle);
            handle = null;
        }
    }
}
