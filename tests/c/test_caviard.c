/*
 * Self-checking test of caviard's C interface. Prints "N passed, N failed" and exits
 * non-zero on any failure. Run by scripts/test-c.sh statically linked under
 * AddressSanitizer/UBSan and dynamically linked under valgrind.
 *
 * Build: cc -std=c99 -Wall -Wextra -pedantic -Iinclude tests/c/test_caviard.c \
 *           target/debug/libcaviard.a -lpthread -ldl -lm
 *
 * PERSON detection (a name found from dictionaries, without a deny-list) is being
 * written in parallel: the checks that need it are compiled only with
 * -DCAVIARD_TEST_PERSON=1. Everything else runs today (e-mail detection, and names
 * through a deny-list entry, which exercises the same UTF-8/UTF-16 paths).
 */
#include "caviard.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (cond) {                                                                     \
            passed++;                                                                   \
        } else {                                                                        \
            failed++;                                                                   \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);              \
        }                                                                               \
    } while (0)

#define CHECK_OK(call) CHECK((call) == CAV_RESULT_OK)

static const uint8_t KEY[32] = "a 32-byte key for the C tests!!";

static const uint8_t *u8(const char *s) { return (const uint8_t *)s; }

static const char *last_error(void) {
    static char buf[512];
    cav_last_error_message(buf, sizeof buf);
    return buf;
}

/* True when the cav_string holds exactly `expected` and is NUL-terminated. */
static int string_is(const cav_string *s, const char *expected) {
    size_t n = strlen(expected);
    const uint8_t *d = cav_string_data(s);
    return d != NULL && cav_string_len(s) == n && memcmp(d, expected, n) == 0 && d[n] == 0;
}

static int has_bytes(const uint8_t *hay, size_t n, const char *needle) {
    size_t m = strlen(needle), i;
    for (i = 0; i + m <= n; i++) {
        if (memcmp(hay + i, needle, m) == 0) {
            return 1;
        }
    }
    return 0;
}

static int contains(const cav_string *s, const char *needle) {
    return s != NULL && strstr((const char *)cav_string_data(s), needle) != NULL;
}

static void test_version_and_names(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", CAVIARD_VERSION_MAJOR,
             CAVIARD_VERSION_MINOR, CAVIARD_VERSION_PATCH);
    CHECK(strcmp(cav_version(), expected) == 0);
    CHECK(strcmp(cav_version(), CAVIARD_VERSION) == 0);
    CHECK(strcmp(cav_kind_name(CAV_KIND_PERSON), "PERSON") == 0);
    CHECK(strcmp(cav_kind_name(CAV_KIND_EMAIL), "EMAIL") == 0);
    CHECK(strcmp(cav_kind_name(CAV_KIND_ID_CARD), "ID_CARD") == 0);
    CHECK(cav_kind_name(999) == NULL);
    CHECK(strcmp(cav_result_name(CAV_RESULT_INVALID_UTF8), "CAV_RESULT_INVALID_UTF8") == 0);
}

/* Scan with byte and UTF-16 offsets on accented text. */
static void test_scan_offsets(void) {
    /* "Hélène" is 8 bytes / 6 UTF-16 units; "😀" is 4 bytes / 2 units. */
    const char *text = "Mme Hélène Dupont 😀 : hélène.dupont@exemple.fr";
    const char *name = "Hélène Dupont";
    cav_config *cfg = NULL;
    cav_engine *e = NULL;
    cav_findings *f = NULL;
    cav_finding x;

    CHECK_OK(cav_config_new(&cfg));
    CHECK_OK(cav_config_deny(cfg, CAV_KIND_PERSON, u8(name), strlen(name)));
    CHECK_OK(cav_engine_new(cfg, &e));
    cav_config_free(cfg);
    CHECK_OK(cav_engine_scan(e, u8(text), strlen(text), &f));
    CHECK(cav_findings_len(f) == 2);

    CHECK(cav_findings_get(f, 0, &x));
    CHECK(x.kind == CAV_KIND_PERSON);
    CHECK(x.start == 4 && x.end == 19);
    CHECK(x.start_utf16 == 4 && x.end_utf16 == 17);
    CHECK(x.confidence == 1000);
    CHECK(strcmp(cav_findings_reason(f, 0), "deny-list") == 0);

    CHECK(cav_findings_get(f, 1, &x));
    CHECK(x.kind == CAV_KIND_EMAIL);
    CHECK(x.start == 27 && x.end == strlen(text));
    /* 4 + 13 + 1 + 2 (😀) + 3 (" : ") = 23 */
    CHECK(x.start_utf16 == 23 && x.end_utf16 == 23 + 24);
    CHECK(memcmp(text + x.start, "hélène.dupont@exemple.fr", x.end - x.start) == 0);
    CHECK(x.confidence > 0 && x.confidence <= 1000);
    CHECK(strcmp(cav_findings_detector(f, 1), "email") == 0);

    memset(&x, 0x55, sizeof x);
    CHECK(!cav_findings_get(f, 2, &x));
    CHECK(x.start == (size_t)0x5555555555555555ULL || sizeof(size_t) != 8);
    CHECK(cav_findings_detector(f, 2) == NULL);
    CHECK(cav_findings_reason(f, 2) == NULL);
    cav_findings_free(f);

#if CAVIARD_TEST_PERSON
    /* PERSON from dictionaries, no deny-list: enable once the person detector lands. */
    {
        cav_engine *plain = NULL;
        const char *t2 = "Rendez-vous avec Hélène Dupont demain.";
        CHECK_OK(cav_engine_new(NULL, &plain));
        CHECK_OK(cav_engine_scan(plain, u8(t2), strlen(t2), &f));
        CHECK(cav_findings_len(f) == 1);
        CHECK(cav_findings_get(f, 0, &x));
        CHECK(x.kind == CAV_KIND_PERSON && x.start == 17 && x.end == 32);
        CHECK(x.start_utf16 == 17 && x.end_utf16 == 30);
        cav_findings_free(f);
        cav_engine_free(plain);
    }
#endif

    /* (NULL, 0) is the empty text. */
    f = NULL;
    CHECK_OK(cav_engine_scan(e, NULL, 0, &f));
    CHECK(f != NULL && cav_findings_len(f) == 0);
    cav_findings_free(f);
    cav_engine_free(e);
}

static void test_invalid_input(void) {
    cav_engine *e = NULL;
    cav_findings *f = NULL;
    cav_session *s = NULL;
    cav_string *out = NULL;
    cav_config *cfg = NULL;

    CHECK_OK(cav_engine_new(NULL, &e));
    /* Invalid UTF-8: result code, byte offset in the message, no out-parameter. */
    CHECK(cav_engine_scan(e, u8("abc\xc3("), 5, &f) == CAV_RESULT_INVALID_UTF8);
    CHECK(f == NULL);
    CHECK(strstr(last_error(), "byte 3") != NULL);
    {
        char small[4];
        size_t n = cav_last_error_message(small, sizeof small);
        CHECK(n == strlen(last_error()) && n > 3);
        CHECK(small[3] == 0 && memcmp(small, last_error(), 3) == 0);
        CHECK(cav_last_error_message(NULL, 0) == n);
    }
    /* A success clears the last error. */
    CHECK_OK(cav_engine_scan(e, u8("ok"), 2, &f));
    CHECK(strcmp(last_error(), "") == 0);
    cav_findings_free(f);
    f = NULL;

    /* NULL arguments. */
    CHECK(cav_engine_scan(NULL, u8("x"), 1, &f) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(f == NULL);
    CHECK(cav_engine_scan(e, NULL, 3, &f) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(f == NULL);
    CHECK(cav_engine_scan(e, u8("x"), 1, NULL) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_engine_new(NULL, NULL) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_config_new(NULL) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_session_new(NULL, KEY, sizeof KEY, &s) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_session_new(e, NULL, 32, &s) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_session_pseudonymise(NULL, u8("x"), 1, &out) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_session_restore(NULL, u8("x"), 1, &out) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_session_export_vault(NULL, NULL) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(cav_config_enable(NULL, CAV_KIND_NIR) == CAV_RESULT_NULL_ARGUMENT);
    CHECK(s == NULL && out == NULL);
    CHECK(cav_findings_len(NULL) == 0);
    CHECK(!cav_findings_get(NULL, 0, NULL));
    CHECK(cav_findings_detector(NULL, 0) == NULL);
    CHECK(cav_string_data(NULL) == NULL && cav_string_len(NULL) == 0);
    CHECK(cav_bytes_data(NULL) == NULL && cav_bytes_len(NULL) == 0);
    cav_config_free(NULL);
    cav_engine_free(NULL);
    cav_findings_free(NULL);
    cav_session_free(NULL);
    cav_string_free(NULL);
    cav_bytes_free(NULL);

    /* Short key, unknown kind/operator, bad pattern, too large. */
    CHECK(cav_session_new(e, KEY, 8, &s) == CAV_RESULT_KEY);
    CHECK(s == NULL);
    CHECK_OK(cav_config_new(&cfg));
    CHECK(cav_config_enable(cfg, 15) == CAV_RESULT_INVALID_ARGUMENT);
    CHECK(cav_config_set_operator(cfg, CAV_KIND_EMAIL, 5) == CAV_RESULT_INVALID_ARGUMENT);
    CHECK(cav_config_allow(cfg, u8("\xff"), 1) == CAV_RESULT_INVALID_UTF8);
    CHECK_OK(cav_config_set_max_input(cfg, 8));
    CHECK_OK(cav_config_add_pattern(cfg, u8("bad"), 3, CAV_KIND_TAX_ID, u8("("), 1, 500));
    {
        cav_engine *bad = NULL;
        CHECK(cav_engine_new(cfg, &bad) == CAV_RESULT_CONFIG);
        CHECK(bad == NULL);
    }
    cav_config_free(cfg);
    CHECK_OK(cav_config_new(&cfg));
    CHECK_OK(cav_config_set_max_input(cfg, 8));
    {
        cav_engine *small = NULL;
        CHECK_OK(cav_engine_new(cfg, &small));
        CHECK(cav_engine_scan(small, u8("123456789"), 9, &f) == CAV_RESULT_TOO_LARGE);
        CHECK(f == NULL);
        cav_engine_free(small);
    }
    cav_config_free(cfg);
    cav_engine_free(e);
}

/* Pseudonymise/restore round trip; the session outlives its engine. */
static void test_round_trip(void) {
    const char *text = "Bonjour Hélène Dupont, écrivez à helene.dupont@exemple.fr ou à "
                       "Hélène Dupont directement.";
    const char *name = "Hélène Dupont";
    cav_config *cfg = NULL;
    cav_engine *e = NULL;
    cav_session *s = NULL;
    cav_string *masked = NULL, *restored = NULL, *masked2 = NULL, *report = NULL;

    CHECK_OK(cav_config_new(&cfg));
    CHECK_OK(cav_config_deny(cfg, CAV_KIND_PERSON, u8(name), strlen(name)));
    CHECK_OK(cav_engine_new(cfg, &e));
    cav_config_free(cfg);
    CHECK_OK(cav_session_new(e, KEY, sizeof KEY, &s));
    {
        cav_findings *f = NULL;
        cav_finding x;
        CHECK_OK(cav_engine_scan(e, u8(text), strlen(text), &f));
        cav_engine_free(e); /* freeing the engine before its session and findings is allowed */
        CHECK(cav_findings_len(f) == 3);
        CHECK(cav_findings_get(f, 2, &x) && x.kind == CAV_KIND_PERSON);
        CHECK(strcmp(cav_findings_detector(f, 1), "email") == 0);
        cav_findings_free(f);
    }

    CHECK_OK(cav_session_pseudonymise(s, u8(text), strlen(text), &masked));
    CHECK(masked != NULL);
    CHECK(!contains(masked, "Hélène") && !contains(masked, "helene.dupont"));
    CHECK(contains(masked, "Bonjour ") && contains(masked, " directement."));
    CHECK_OK(cav_session_restore(s, cav_string_data(masked), cav_string_len(masked),
                                 &restored));
    CHECK(string_is(restored, text));

    CHECK_OK(cav_session_pseudonymise_report(s, u8(text), strlen(text), &masked2, &report));
    CHECK(cav_string_len(masked2) == cav_string_len(masked)); /* same pseudonyms */
    CHECK(report != NULL && cav_string_data(report)[0] == '{');
    CHECK(!contains(report, "Hélène") && !contains(report, "helene.dupont"));

    /* Empty text round trip. */
    {
        cav_string *empty = NULL;
        CHECK_OK(cav_session_pseudonymise(s, NULL, 0, &empty));
        CHECK(string_is(empty, ""));
        cav_string_free(empty);
    }
    {
        cav_string *bad = NULL;
        CHECK(cav_session_restore(s, u8("\xe9t\xe9"), 3, &bad) == CAV_RESULT_INVALID_UTF8);
        CHECK(bad == NULL);
    }
    cav_string_free(masked);
    cav_string_free(restored);
    cav_string_free(masked2);
    cav_string_free(report);
    cav_session_free(s);
}

/* Vault export/import (the vault is implemented in parallel: these checks fail until
 * it lands in main). */
static void test_vault(void) {
    const char *text = "Écrire à zoé.martin@exemple.fr";
    cav_engine *e = NULL, *e2 = NULL;
    cav_session *s = NULL, *s2 = NULL, *s3 = NULL;
    cav_string *masked = NULL, *restored = NULL;
    cav_bytes *vault = NULL;
    uint8_t wrong[32];

    CHECK_OK(cav_engine_new(NULL, &e));
    CHECK_OK(cav_session_new(e, KEY, sizeof KEY, &s));
    CHECK_OK(cav_session_pseudonymise(s, u8(text), strlen(text), &masked));
    CHECK_OK(cav_session_export_vault(s, &vault));
    cav_session_free(s);
    cav_engine_free(e);
    if (vault == NULL) {
        fprintf(stderr, "vault export failed: %s\n", last_error());
        cav_string_free(masked);
        return;
    }
    CHECK(cav_bytes_len(vault) > 0 && cav_bytes_data(vault) != NULL);
    CHECK(!has_bytes(cav_bytes_data(vault), cav_bytes_len(vault), "zoé"));

    CHECK_OK(cav_engine_new(NULL, &e2));
    CHECK_OK(cav_session_from_vault(e2, KEY, sizeof KEY, cav_bytes_data(vault),
                                    cav_bytes_len(vault), &s2));
    CHECK_OK(cav_session_restore(s2, cav_string_data(masked), cav_string_len(masked),
                                 &restored));
    CHECK(string_is(restored, text));

    memcpy(wrong, KEY, sizeof wrong);
    wrong[0] ^= 1;
    CHECK(cav_session_from_vault(e2, wrong, sizeof wrong, cav_bytes_data(vault),
                                 cav_bytes_len(vault), &s3) == CAV_RESULT_VAULT);
    CHECK(s3 == NULL);
    CHECK(cav_session_from_vault(e2, KEY, sizeof KEY, cav_bytes_data(vault),
                                 cav_bytes_len(vault) - 1, &s3) == CAV_RESULT_VAULT);
    CHECK(s3 == NULL);

    cav_string_free(masked);
    cav_string_free(restored);
    cav_session_free(s2);
    cav_bytes_free(vault);
    cav_engine_free(e2);
}

/* 4 threads share one engine; each also has its own session. */
struct job {
    const cav_engine *e;
    int id;
    int ok;
};

static void *worker(void *arg) {
    struct job *j = arg;
    char text[128];
    int i;
    cav_session *s = NULL;
    j->ok = cav_session_new(j->e, KEY, sizeof KEY, &s) == CAV_RESULT_OK;
    for (i = 0; i < 100 && j->ok; i++) {
        cav_findings *f = NULL;
        cav_finding x;
        cav_string *m = NULL, *r = NULL;
        int n = snprintf(text, sizeof text, "Fil %d, n°%d : agent%d.%d@exemple.fr", j->id, i,
                         j->id, i);
        j->ok = cav_engine_scan(j->e, u8(text), (size_t)n, &f) == CAV_RESULT_OK &&
                cav_findings_len(f) == 1 && cav_findings_get(f, 0, &x) &&
                x.kind == CAV_KIND_EMAIL && x.end == (size_t)n &&
                x.end_utf16 + 1 == (size_t)n; /* one 2-byte character: "°" */
        cav_findings_free(f);
        j->ok = j->ok &&
                cav_session_pseudonymise(s, u8(text), (size_t)n, &m) == CAV_RESULT_OK &&
                cav_session_restore(s, cav_string_data(m), cav_string_len(m), &r) ==
                    CAV_RESULT_OK &&
                string_is(r, text);
        cav_string_free(m);
        cav_string_free(r);
    }
    cav_session_free(s);
    return NULL;
}

static void test_threads(void) {
    pthread_t t[4];
    struct job jobs[4];
    cav_engine *e = NULL;
    int i;
    CHECK_OK(cav_engine_new(NULL, &e));
    for (i = 0; i < 4; i++) {
        jobs[i].e = e;
        jobs[i].id = i;
        jobs[i].ok = 0;
        CHECK(pthread_create(&t[i], NULL, worker, &jobs[i]) == 0);
    }
    for (i = 0; i < 4; i++) {
        CHECK(pthread_join(t[i], NULL) == 0);
        CHECK(jobs[i].ok);
    }
    cav_engine_free(e);
}

int main(void) {
    test_version_and_names();
    test_scan_offsets();
    test_invalid_input();
    test_round_trip();
    test_vault();
    test_threads();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
