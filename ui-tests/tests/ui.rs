//! Compiles every case: `fail/*.rs` must fail with exactly the checked-in `.stderr`, and
//! `pass/*.rs` must build and run. Bless changed messages with `TRYBUILD=overwrite`, then read them.

#[test]
fn compile_errors_read_as_written() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/fail/*.rs");
    cases.pass("tests/pass/*.rs");
}
