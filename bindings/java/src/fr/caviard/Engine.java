package fr.caviard;

import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A compiled, immutable caviard engine. Build it once and share it: any number of threads
 * may call {@link #scan} and {@link #session} at the same time. Sessions and findings made
 * from it stay valid after it is closed; {@link #close} waits for calls in progress.
 *
 * <pre>{@code
 * try (Engine engine = Engine.builder().deny(Kind.PERSON, "Hélène Dupont").build();
 *      Findings found = engine.scan(text)) {
 *     for (Finding f : found) System.out.println(f.kind() + " " + f.value());
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private CaviardLibrary.EngineHandle handle;

    /** An engine with every kind and the default options. */
    public Engine() {
        this(null);
    }

    private Engine(CaviardLibrary.ConfigHandle cfg) {
        PointerByReference out = new PointerByReference();
        Lib.check(Lib.LIB.cav_engine_new(cfg, out));
        handle = new CaviardLibrary.EngineHandle(out.getValue());
    }

    /** A builder to choose kinds, operators, allow/deny lists and patterns. */
    public static Builder builder() {
        return new Builder();
    }

    /** The native library's version, e.g. {@code "0.1.0"}. */
    public static String version() {
        return Lib.cString(Lib.LIB.cav_version());
    }

    /**
     * Finds personal data in {@code text}; offsets in the result are UTF-16 (String)
     * indexes, so {@code text.substring(f.start(), f.end())} is the value.
     */
    public Findings scan(String text) {
        byte[] utf8 = Lib.utf8(text);
        PointerByReference out = new PointerByReference();
        lock.readLock().lock();
        try {
            Lib.check(Lib.LIB.cav_engine_scan(live(), utf8, Lib.size(utf8.length), out));
        } finally {
            lock.readLock().unlock();
        }
        return new Findings(new CaviardLibrary.FindingsHandle(out.getValue()), text);
    }

    /** A new pseudonymisation session under {@code key} (at least 16 secret bytes). */
    public Session session(byte[] key) {
        PointerByReference out = new PointerByReference();
        lock.readLock().lock();
        try {
            Lib.check(Lib.LIB.cav_session_new(live(), key, Lib.size(key.length), out));
        } finally {
            lock.readLock().unlock();
        }
        return new Session(new CaviardLibrary.SessionHandle(out.getValue()));
    }

    /** Re-creates a session from {@link Session#exportVault()} under the same key. */
    public Session sessionFromVault(byte[] key, byte[] vault) {
        PointerByReference out = new PointerByReference();
        lock.readLock().lock();
        try {
            Lib.check(
                    Lib.LIB.cav_session_from_vault(
                            live(), key, Lib.size(key.length), vault, Lib.size(vault.length), out));
        } finally {
            lock.readLock().unlock();
        }
        return new Session(new CaviardLibrary.SessionHandle(out.getValue()));
    }

    private CaviardLibrary.EngineHandle live() {
        if (handle == null) {
            throw new IllegalStateException("engine is closed");
        }
        return handle;
    }

    /** Frees the native engine; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != null) {
                Lib.LIB.cav_engine_free(handle);
                handle = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Configures an {@link Engine}; {@link #build()} may be called several times. */
    public static final class Builder {
        /** One configuration call, replayed on a fresh native configuration by build(). */
        private interface Step {
            int apply(CaviardLibrary lib, CaviardLibrary.ConfigHandle cfg);
        }

        private final List<Step> steps = new ArrayList<>();

        private Builder() {}

        /** Detects only these kinds. */
        public Builder kinds(Kind... kinds) {
            final int[] codes = new int[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                codes[i] = kinds[i].code();
            }
            steps.add(
                    (lib, cfg) ->
                            lib.cav_config_set_kinds(
                                    cfg, codes.length == 0 ? null : codes, Lib.size(codes.length)));
            return this;
        }

        /** Enables one kind. */
        public Builder enable(Kind kind) {
            steps.add((lib, cfg) -> lib.cav_config_enable(cfg, kind.code()));
            return this;
        }

        /** Disables one kind. */
        public Builder disable(Kind kind) {
            steps.add((lib, cfg) -> lib.cav_config_disable(cfg, kind.code()));
            return this;
        }

        /** Never reports {@code word}. */
        public Builder allow(String word) {
            final byte[] w = Lib.utf8(word);
            steps.add((lib, cfg) -> lib.cav_config_allow(cfg, w, Lib.size(w.length)));
            return this;
        }

        /** Always reports {@code word} as {@code kind} (whole words, confidence 1000). */
        public Builder deny(Kind kind, String word) {
            final byte[] w = Lib.utf8(word);
            steps.add((lib, cfg) -> lib.cav_config_deny(cfg, kind.code(), w, Lib.size(w.length)));
            return this;
        }

        /** A custom pattern (Rust regex syntax) reported as {@code kind}. */
        public Builder pattern(String name, Kind kind, String regex, int confidence) {
            final byte[] n = Lib.utf8(name);
            final byte[] r = Lib.utf8(regex);
            steps.add(
                    (lib, cfg) ->
                            lib.cav_config_add_pattern(
                                    cfg,
                                    n,
                                    Lib.size(n.length),
                                    kind.code(),
                                    r,
                                    Lib.size(r.length),
                                    confidence));
            return this;
        }

        /** The operator used for {@code kind} when pseudonymising. */
        public Builder operator(Kind kind, Operator op) {
            steps.add((lib, cfg) -> lib.cav_config_set_operator(cfg, kind.code(), op.code()));
            return this;
        }

        /** Findings below this confidence (0..1000) are not reported. */
        public Builder minConfidence(int confidence) {
            steps.add((lib, cfg) -> lib.cav_config_set_min_confidence(cfg, confidence));
            return this;
        }

        /** Largest input, in UTF-8 bytes. */
        public Builder maxInputBytes(long bytes) {
            steps.add((lib, cfg) -> lib.cav_config_set_max_input(cfg, Lib.size(bytes)));
            return this;
        }

        /** Compiles the engine. */
        public Engine build() {
            CaviardLibrary lib = Lib.LIB;
            PointerByReference out = new PointerByReference();
            Lib.check(lib.cav_config_new(out));
            CaviardLibrary.ConfigHandle cfg = new CaviardLibrary.ConfigHandle(out.getValue());
            try {
                for (Step s : steps) {
                    Lib.check(s.apply(lib, cfg));
                }
                return new Engine(cfg);
            } finally {
                lib.cav_config_free(cfg);
            }
        }
    }
}
