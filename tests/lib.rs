//! Fixtures shared by the integration tests (`it/`) and the compile-error tests (`ui-tests/`).

pub mod galera;
pub mod live;
pub mod pgbouncer;
pub mod proxy;
pub mod replica;
pub mod shop;
pub mod together;
