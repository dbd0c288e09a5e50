package fr.caviard;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The raw C interface of {@code include/caviard.h}, one method per function. Text goes in
 * as UTF-8 {@code byte[]} with an explicit length, never as a JNA {@code String} (whose
 * encoding depends on the platform locale), and strings come back as {@link Pointer}s
 * decoded as UTF-8 here. Use {@link Engine} and {@link Session} instead.
 */
interface CaviardLibrary extends Library {
    /** {@code size_t}, sized by the platform. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** {@code cav_config *}. */
    final class ConfigHandle extends PointerType {
        public ConfigHandle() {}

        public ConfigHandle(Pointer p) {
            super(p);
        }
    }

    /** {@code cav_engine *}. */
    final class EngineHandle extends PointerType {
        public EngineHandle() {}

        public EngineHandle(Pointer p) {
            super(p);
        }
    }

    /** {@code cav_findings *}. */
    final class FindingsHandle extends PointerType {
        public FindingsHandle() {}

        public FindingsHandle(Pointer p) {
            super(p);
        }
    }

    /** {@code cav_session *}. */
    final class SessionHandle extends PointerType {
        public SessionHandle() {}

        public SessionHandle(Pointer p) {
            super(p);
        }
    }

    /** {@code cav_string *}. */
    final class StringHandle extends PointerType {
        public StringHandle() {}

        public StringHandle(Pointer p) {
            super(p);
        }
    }

    /** {@code cav_bytes *}. */
    final class BytesHandle extends PointerType {
        public BytesHandle() {}

        public BytesHandle(Pointer p) {
            super(p);
        }
    }

    /** {@code cav_finding}, copied out by {@code cav_findings_get}. */
    @Structure.FieldOrder({"start", "end", "start_utf16", "end_utf16", "kind", "confidence"})
    final class CavFinding extends Structure {
        public SizeT start;
        public SizeT end;
        public SizeT start_utf16;
        public SizeT end_utf16;
        public int kind;
        public int confidence;
    }

    int CAV_RESULT_OK = 0;

    /** Loads the library: {@code -Dcaviard.library=/path/libcaviard.so}, else "caviard". */
    static CaviardLibrary load() {
        String path = System.getProperty("caviard.library", "caviard");
        return Native.load(path, CaviardLibrary.class);
    }

    Pointer cav_version();

    Pointer cav_kind_name(int kind);

    Pointer cav_result_name(int result);

    SizeT cav_last_error_message(byte[] buf, SizeT cap);

    int cav_config_new(PointerByReference out);

    void cav_config_free(ConfigHandle cfg);

    int cav_config_enable(ConfigHandle cfg, int kind);

    int cav_config_disable(ConfigHandle cfg, int kind);

    int cav_config_set_kinds(ConfigHandle cfg, int[] kinds, SizeT n);

    int cav_config_set_operator(ConfigHandle cfg, int kind, int op);

    int cav_config_allow(ConfigHandle cfg, byte[] word, SizeT len);

    int cav_config_deny(ConfigHandle cfg, int kind, byte[] word, SizeT len);

    int cav_config_add_pattern(
            ConfigHandle cfg,
            byte[] name,
            SizeT nameLen,
            int kind,
            byte[] regex,
            SizeT regexLen,
            int confidence);

    int cav_config_set_min_confidence(ConfigHandle cfg, int confidence);

    int cav_config_set_max_input(ConfigHandle cfg, SizeT bytes);

    int cav_engine_new(ConfigHandle cfg, PointerByReference out);

    void cav_engine_free(EngineHandle e);

    int cav_engine_scan(EngineHandle e, byte[] text, SizeT len, PointerByReference out);

    SizeT cav_findings_len(FindingsHandle f);

    /** C {@code bool}: one byte, so mapped as {@code byte} (JNA's boolean is 4 bytes). */
    byte cav_findings_get(FindingsHandle f, SizeT i, CavFinding out);

    Pointer cav_findings_detector(FindingsHandle f, SizeT i);

    Pointer cav_findings_reason(FindingsHandle f, SizeT i);

    void cav_findings_free(FindingsHandle f);

    int cav_session_new(EngineHandle e, byte[] key, SizeT keyLen, PointerByReference out);

    int cav_session_from_vault(
            EngineHandle e,
            byte[] key,
            SizeT keyLen,
            byte[] vault,
            SizeT vaultLen,
            PointerByReference out);

    int cav_session_pseudonymise(SessionHandle s, byte[] text, SizeT len, PointerByReference out);

    int cav_session_pseudonymise_report(
            SessionHandle s,
            byte[] text,
            SizeT len,
            PointerByReference out,
            PointerByReference reportJson);

    int cav_session_restore(SessionHandle s, byte[] text, SizeT len, PointerByReference out);

    int cav_session_export_vault(SessionHandle s, PointerByReference out);

    void cav_session_free(SessionHandle s);

    Pointer cav_string_data(StringHandle s);

    SizeT cav_string_len(StringHandle s);

    void cav_string_free(StringHandle s);

    Pointer cav_bytes_data(BytesHandle b);

    SizeT cav_bytes_len(BytesHandle b);

    void cav_bytes_free(BytesHandle b);
}
