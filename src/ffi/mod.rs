//! The C ABI (`include/caviard.h`). PLACEHOLDER: filled in by the C binding work.
