package fr.caviard;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Self-checking test of the Java binding, run by scripts/test-java.sh under
 * {@code LANG=C LC_ALL=C} on purpose: accented names must survive a non-UTF-8 default
 * charset. Prints "N passed, N failed"; exit status 1 on any failure.
 *
 * <p>PERSON detection from dictionaries (no deny-list) is written in parallel: those
 * checks run only with {@code -Dcaviard.test.person=true}.
 */
public final class CaviardTest {
    private static int passed;
    private static int failed;

    private static final byte[] KEY = "a 32-byte key for the Java tests".getBytes(Charset.forName("UTF-8"));
    private static final String NAME = "H\u00e9l\u00e8ne Dupont"; // Hélène, escaped: the source is ASCII-safe

    private static void check(boolean cond, String what) {
        if (cond) {
            passed++;
        } else {
            failed++;
            System.err.println("FAIL " + what);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void expectThrows(Class<? extends Throwable> type, String what, Body body) {
        try {
            body.run();
            check(false, what + ": no exception");
        } catch (Throwable t) {
            check(type.isInstance(t), what + ": " + t);
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(
                "default charset " + Charset.defaultCharset() + ", caviard " + Engine.version());
        scanWithUtf16Offsets();
        roundTrip();
        errors();
        vault();
        closeInAnyOrder();
        threads();
        if (Boolean.getBoolean("caviard.test.person")) {
            personWithoutDenyList();
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void scanWithUtf16Offsets() {
        // "\ud83d\ude00" is one emoji: 2 UTF-16 units, 4 UTF-8 bytes.
        String text = "Mme " + NAME + " \ud83d\ude00 : h\u00e9l\u00e8ne.dupont@exemple.fr, merci.";
        try (Engine engine = Engine.builder().deny(Kind.PERSON, NAME).build();
                Findings found = engine.scan(text)) {
            check(found.size() == 2, "two findings, got " + found.size());
            Finding p = found.get(0);
            check(p.kind() == Kind.PERSON, "first is PERSON: " + p);
            check(text.substring(p.start(), p.end()).equals(NAME), "PERSON by substring");
            check(p.value().equals(NAME), "PERSON value");
            check(p.start() == 4 && p.end() == 17, "PERSON UTF-16 offsets " + p);
            check(p.byteStart() == 4 && p.byteEnd() == 19, "PERSON byte offsets");
            check("deny-list".equals(p.reason()), "PERSON reason " + p.reason());
            Finding e = found.get(1);
            check(e.kind() == Kind.EMAIL, "second is EMAIL: " + e);
            check(
                    text.substring(e.start(), e.end()).equals("h\u00e9l\u00e8ne.dupont@exemple.fr"),
                    "EMAIL by substring: " + text.substring(e.start(), e.end()));
            check("email".equals(e.detector()), "EMAIL detector " + e.detector());
            check(e.confidence() > 0 && e.confidence() <= 1000, "EMAIL confidence");
            check(!e.toString().contains("@"), "toString hides the value");
        }
        try (Engine engine = new Engine();
                Findings none = engine.scan("")) {
            check(none.size() == 0, "empty text, no findings");
        }
    }

    private static void roundTrip() {
        String text =
                "Bonjour " + NAME + ", \u00e9crivez \u00e0 helene.dupont@exemple.fr ou \u00e0 "
                        + NAME + " directement.";
        try (Engine engine = Engine.builder().deny(Kind.PERSON, NAME).build();
                Session s = engine.session(KEY)) {
            String masked = s.pseudonymise(text);
            check(!masked.contains("H\u00e9l\u00e8ne") && !masked.contains("helene.dupont"),
                    "values removed: " + masked);
            check(masked.startsWith("Bonjour ") && masked.endsWith(" directement."),
                    "text around kept: " + masked);
            check(s.restore(masked).equals(text), "restored");
            String answer = "R\u00e9ponse pour " + masked.substring(8, masked.indexOf(','));
            check(s.restore(answer).equals("R\u00e9ponse pour " + NAME), "restore a model answer");
            Session.Result r = s.pseudonymiseWithReport(text);
            check(r.text.equals(masked), "same pseudonyms in the same session");
            check(r.reportJson.startsWith("{") && !r.reportJson.contains("helene"),
                    "report is JSON without values");
            check(s.pseudonymise("").isEmpty(), "empty round trip");
        }
    }

    private static void errors() {
        try (Engine engine = new Engine()) {
            try {
                engine.session(new byte[8]).close();
                check(false, "short key accepted");
            } catch (CaviardException e) {
                check(e.code() == CaviardException.KEY, "KEY code " + e.code());
                check("CAV_RESULT_KEY".equals(e.codeName()), "KEY name");
                check(e.getMessage().contains("16 bytes"), "KEY message " + e.getMessage());
            }
        }
        try {
            Engine.builder().pattern("bad", Kind.TAX_ID, "(", 500).build().close();
            check(false, "bad pattern accepted");
        } catch (CaviardException e) {
            check(e.code() == CaviardException.CONFIG, "CONFIG code " + e.code());
        }
        try (Engine small = Engine.builder().maxInputBytes(8).build()) {
            // 8 characters, 9 UTF-8 bytes: the limit is in bytes.
            small.scan("\u00e9abcdefg").close();
            check(false, "too large accepted");
        } catch (CaviardException e) {
            check(e.code() == CaviardException.TOO_LARGE, "TOO_LARGE code " + e.code());
        }
    }

    private static void vault() {
        // The vault is implemented in parallel: these checks fail until it is in main.
        String text = "\u00c9crire \u00e0 zo\u00e9.martin@exemple.fr";
        try (Engine engine = new Engine()) {
            String masked;
            byte[] vault;
            try (Session s = engine.session(KEY)) {
                masked = s.pseudonymise(text);
                vault = s.exportVault();
            }
            check(vault.length > 0, "vault not empty");
            try (Session s2 = engine.sessionFromVault(KEY, vault)) {
                check(s2.restore(masked).equals(text), "restored from the vault");
            }
            byte[] wrong = KEY.clone();
            wrong[0] ^= 1;
            try {
                engine.sessionFromVault(wrong, vault).close();
                check(false, "wrong key accepted");
            } catch (CaviardException e) {
                check(e.code() == CaviardException.VAULT, "VAULT code " + e.code());
            }
        } catch (CaviardException e) {
            check(false, "vault: " + e.getMessage());
        }
    }

    private static void closeInAnyOrder() {
        Engine engine = Engine.builder().deny(Kind.PERSON, NAME).build();
        Session s = engine.session(KEY);
        Findings f = engine.scan("Vu " + NAME + ".");
        engine.close();
        engine.close(); // idempotent
        String masked = s.pseudonymise("Vu " + NAME + ".");
        check(!masked.contains(NAME), "session works after its engine is closed");
        check(f.size() == 1 && f.get(0).value().equals(NAME), "findings usable after engine close");
        f.close();
        check(f.size() == 1, "findings values usable after close");
        f.close();
        s.close();
        s.close();
        expectThrows(IllegalStateException.class, "scan after close", () -> engine.scan("x"));
        expectThrows(IllegalStateException.class, "restore after close", () -> s.restore("x"));
    }

    private static void threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        final Engine engine = Engine.builder().deny(Kind.PERSON, NAME).build();
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int id = t;
                Callable<Boolean> job =
                        () -> {
                            boolean ok = true;
                            try (Session s = engine.session(KEY)) {
                                for (int i = 0; i < 100 && ok; i++) {
                                    String text = "Fil " + id + " n\u00b0" + i + " : " + NAME
                                            + ", agent" + i + "." + id + "@exemple.fr";
                                    try (Findings f = engine.scan(text)) {
                                        ok = f.size() == 2
                                                && f.get(0).value().equals(NAME)
                                                && f.get(1).value().equals("agent" + i + "." + id + "@exemple.fr");
                                    }
                                    ok = ok && s.restore(s.pseudonymise(text)).equals(text);
                                }
                            }
                            return ok;
                        };
                results.add(pool.submit(job));
            }
            for (Future<Boolean> r : results) {
                check(r.get(), "thread result");
            }
        } finally {
            pool.shutdown();
            engine.close();
        }
    }

    private static void personWithoutDenyList() {
        String text = "Rendez-vous avec " + NAME + " demain.";
        try (Engine engine = new Engine();
                Findings f = engine.scan(text)) {
            check(f.size() == 1 && f.get(0).kind() == Kind.PERSON, "PERSON found: " + f.list());
            check(f.size() == 1 && f.get(0).value().equals(NAME), "PERSON value");
        }
    }
}
