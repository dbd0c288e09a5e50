//! The machinery every export goes through: the panic boundary, the per-thread last
//! error, and the pointer conversions (NULL checks, boxes, byte slices, out-parameters).
//!
//! Every handle is a `Box` created by [`into_raw`] and destroyed by [`free`]; nothing
//! else turns a pointer into a Rust reference.

use super::cav_result;
use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// The message of the last failed call on this thread (empty after a success).
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records `msg` as this thread's last error. Messages never contain input text.
pub(crate) fn set_last_error(msg: &str) {
    LAST_ERROR.with(|e| {
        if let Ok(mut e) = e.try_borrow_mut() {
            e.clear();
            e.push_str(msg);
        }
    });
}

/// Runs `f` with this thread's last error message.
pub(crate) fn with_last_error<R>(f: impl FnOnce(&str) -> R) -> R {
    LAST_ERROR.with(|e| match e.try_borrow() {
        Ok(e) => f(&e),
        Err(_) => f(""),
    })
}

/// A failure: records the message and returns the code (for `Err(fail(..))`).
pub(crate) fn fail(code: cav_result, msg: &str) -> cav_result {
    set_last_error(msg);
    code
}

/// Maps a library error to its result code, recording its message (which, by
/// `caviard::Error`'s contract, never holds a personal value).
pub(crate) fn from_error(e: &crate::Error) -> cav_result {
    let code = if e.utf8_offset().is_some() {
        cav_result::CAV_RESULT_INVALID_UTF8
    } else if e.is_too_large() {
        cav_result::CAV_RESULT_TOO_LARGE
    } else if e.is_key() {
        cav_result::CAV_RESULT_KEY
    } else if e.is_vault() {
        cav_result::CAV_RESULT_VAULT
    } else {
        cav_result::CAV_RESULT_CONFIG
    };
    fail(code, &e.to_string())
}

thread_local! {
    /// How many boundary calls are running on this thread (re-entrancy safe).
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Installs, once per process, a panic hook that withholds the message of panics
/// raised inside caviard's C boundary: Rust's own messages can quote the text being
/// processed (a string slice out of bounds prints the string). Panics elsewhere in
/// the host process go to the previous hook unchanged.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if DEPTH.with(|d| d.get()) > 0 {
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                eprintln!(
                    "caviard: internal error{at} (message withheld: it may quote personal data)"
                );
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f` with this thread marked as inside the boundary.
fn inside<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    quiet_panics();
    DEPTH.with(|d| d.set(d.get() + 1));
    let r = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    r
}

const PANIC_MESSAGE: &str = "internal error: caviard panicked (a bug; please report it)";

/// The panic boundary of every fallible export: clears the last error, runs `f`, and
/// turns a panic into `CAV_RESULT_PANIC`. The panic payload is not kept: it could
/// quote the input.
pub(crate) fn guard(f: impl FnOnce() -> Result<(), cav_result>) -> cav_result {
    set_last_error("");
    match inside(f) {
        Ok(Ok(())) => cav_result::CAV_RESULT_OK,
        Ok(Err(code)) => code,
        Err(_) => fail(cav_result::CAV_RESULT_PANIC, PANIC_MESSAGE),
    }
}

/// The panic boundary of the infallible exports (accessors, `_free`): `default` when
/// `f` panics.
pub(crate) fn guard_or<T>(default: T, f: impl FnOnce() -> T) -> T {
    match inside(f) {
        Ok(v) => v,
        Err(_) => {
            set_last_error(PANIC_MESSAGE);
            default
        }
    }
}

/// A handle type given to C as a `Box` (every handle is): only these go through
/// [`into_raw`], [`free`], [`try_ref`], [`try_mut`] and [`write_out`], so a pointer is
/// known at the type level to be a `Box<T>` of the right `T`.
pub(crate) trait BoxedHandle: Sized {}

/// Moves `value` to the heap and hands ownership to the caller.
pub(crate) fn into_raw<T: BoxedHandle>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Destroys a handle made by [`into_raw`]; NULL is a no-op.
///
/// # Safety
///
/// `ptr` is NULL or came from [`into_raw`] for the same `T` and was not freed yet.
pub(crate) unsafe fn free<T: BoxedHandle>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: by this function's contract, `ptr` is a live Box<T> we own now.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// A shared reference to a handle, or `CAV_RESULT_NULL_ARGUMENT`.
///
/// # Safety
///
/// `ptr` is NULL or a live handle of type `T` not mutated elsewhere for `'a`.
pub(crate) unsafe fn try_ref<'a, T: BoxedHandle>(
    ptr: *const T,
    what: &str,
) -> Result<&'a T, cav_result> {
    // SAFETY: by this function's contract, a non-NULL `ptr` is a live `T`.
    match unsafe { ptr.as_ref() } {
        Some(r) => Ok(r),
        None => Err(null_argument(what)),
    }
}

/// An exclusive reference to a handle, or `CAV_RESULT_NULL_ARGUMENT`.
///
/// # Safety
///
/// `ptr` is NULL or a live handle of type `T` used by no one else for `'a`.
pub(crate) unsafe fn try_mut<'a, T: BoxedHandle>(
    ptr: *mut T,
    what: &str,
) -> Result<&'a mut T, cav_result> {
    // SAFETY: by this function's contract, a non-NULL `ptr` is a live `T`, not aliased.
    match unsafe { ptr.as_mut() } {
        Some(r) => Ok(r),
        None => Err(null_argument(what)),
    }
}

/// Checks an out-parameter before any work is done, so it can be written at the end.
pub(crate) fn check_out<T>(out: *mut *mut T, what: &str) -> Result<(), cav_result> {
    if out.is_null() {
        Err(null_argument(what))
    } else {
        Ok(())
    }
}

/// Writes a handle to a checked out-parameter (the last step of a successful call).
///
/// # Safety
///
/// `out` passed [`check_out`] and points to writable memory for one pointer.
pub(crate) unsafe fn write_out<T: BoxedHandle>(out: *mut *mut T, value: T) {
    // SAFETY: by this function's contract, `out` is non-NULL and writable.
    unsafe { out.write(into_raw(value)) };
}

/// The bytes `(ptr, len)`: `(NULL, 0)` is empty, `(NULL, n > 0)` an error.
///
/// # Safety
///
/// A non-NULL `ptr` points to `len` readable bytes, unchanged for `'a`.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a [u8], cav_result> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(null_argument(what))
        };
    }
    if len > isize::MAX as usize {
        return Err(fail(
            cav_result::CAV_RESULT_INVALID_ARGUMENT,
            &format!("{what}: length larger than isize::MAX"),
        ));
    }
    // SAFETY: non-NULL, `len` readable bytes by this function's contract, and
    // `len <= isize::MAX` was checked.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The `uint32_t` array `(ptr, n)`: `(NULL, 0)` is empty, `(NULL, n > 0)` an error.
///
/// # Safety
///
/// A non-NULL `ptr` points to `n` readable, aligned `u32`, unchanged for `'a`.
pub(crate) unsafe fn u32s<'a>(
    ptr: *const u32,
    n: usize,
    what: &str,
) -> Result<&'a [u32], cav_result> {
    if ptr.is_null() {
        return if n == 0 {
            Ok(&[])
        } else {
            Err(null_argument(what))
        };
    }
    if n > isize::MAX as usize / size_of::<u32>() {
        return Err(fail(
            cav_result::CAV_RESULT_INVALID_ARGUMENT,
            &format!("{what}: count too large"),
        ));
    }
    // SAFETY: non-NULL, `n` readable aligned u32 by this function's contract, and the
    // total size fits in isize.
    Ok(unsafe { std::slice::from_raw_parts(ptr, n) })
}

/// Like [`bytes`], also checking UTF-8 (the error names the byte offset).
///
/// # Safety
///
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a str, cav_result> {
    // SAFETY: forwarded contract.
    let b = unsafe { bytes(ptr, len, what) }?;
    crate::validate_utf8(b)
        .map_err(|e| fail(cav_result::CAV_RESULT_INVALID_UTF8, &format!("{what}: {e}")))
}

fn null_argument(what: &str) -> cav_result {
    fail(
        cav_result::CAV_RESULT_NULL_ARGUMENT,
        &format!("{what} is NULL"),
    )
}

/// A NUL-terminated copy of `s` that lives for the whole process. Each distinct string
/// is copied once, so memory is bounded by the number of distinct names (the built-in
/// detector names plus the caller's custom pattern names). The table is a plain `Vec`
/// in a static, so leak checkers see its entries as reachable.
pub(crate) fn static_cstr(s: &'static str) -> *const c_char {
    use std::sync::Mutex;
    static NAMES: Mutex<Vec<(&'static str, Box<CStr>)>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, c)) = names.iter().find(|(n, _)| *n == s) {
        return c.as_ptr();
    }
    let c = CString::new(s.replace('\0', "?"))
        .unwrap_or_default()
        .into_boxed_c_str();
    // The Box's heap allocation does not move when the Vec grows.
    let ptr = c.as_ptr();
    names.push((s, c));
    ptr
}
