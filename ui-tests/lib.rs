//! Compile-error tests live in `tests/`: `fail/` holds one rule per file with the `.stderr` a
//! user sees, `pass/` the valid counterparts. They compile against the shop fixture schema of
//! `dovetail-tests`.
