//! Random values of every kind, each through a real column of its natural type on every
//! backend: it comes back exactly as written, or the write or the read fails with a typed error
//! (`Encode`, `Decode`, `TooManyParameters`, `PacketTooLarge`, `OutOfRange`) — never a
//! different value, never a panic.
//!
//! Each kind has a table of its own, written through one connection per backend: its edges
//! first, every one of them, then [`CASES`] random values (a quarter of them edges again).
//! Each value is read back twice, through the row's [`Value`] and straight from the driver's
//! cells, decoded into its Rust type, and compared exactly — floats by their bits; decimals by
//! their value (MySQL pads them to the column's scale); JSON numbers by their value (JSONB
//! keeps them as NUMERIC). The documented exceptions: a NaN's sign and payload, and the sign
//! of -0.0 on SQLite and MySQL.

mod limits;
mod strategies;

use std::cell::{Cell, RefCell};
use std::fmt::Debug;

use dovetail::value::{FromValue, ToValue, Value};
use dovetail::{Backend, Connection, Error};
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::Value as Json;

use crate::harness::{backend_test, pick, placeholders};
use strategies::Values;

/// Random values per kind and backend, besides the edges.
const CASES: u32 = 64;

/// The same random values on every run, so that the suite passes or fails alike each time;
/// `PROPTEST_RNG_SEED=<n>` (or `random`) explores others.
fn seed() -> RngSeed {
    match std::env::var("PROPTEST_RNG_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(n) => n.parse().map_or(RngSeed::Fixed(20_261_202), RngSeed::Fixed),
        Err(_) => RngSeed::Fixed(20_261_202),
    }
}

/// Whether `error` refuses the value with a typed error, rather than failing some other way.
fn is_typed(error: &Error) -> bool {
    matches!(
        error,
        Error::Encode { .. }
            | Error::Decode(_)
            | Error::TooManyParameters { .. }
            | Error::PacketTooLarge { .. }
            | Error::OutOfRange { .. }
    )
}

/// A column of one SQL type, in a table of its own, written row by row.
struct Column<'c> {
    conn: RefCell<&'c mut dyn Connection>,
    sql_type: String,
    insert: String,
    select: String,
    count: String,
    next_id: Cell<i64>,
    /// How many values came back (rather than being refused).
    kept: Cell<u32>,
}

impl<'c> Column<'c> {
    fn create(conn: &'c mut dyn Connection, sql_type: &str) -> Column<'c> {
        Column::create_cast(conn, sql_type, "")
    }

    /// A column whose value is written as `cast` says, `{}` standing for the placeholder
    /// (as is when `cast` is empty).
    fn create_cast(conn: &'c mut dyn Connection, sql_type: &str, cast: &str) -> Column<'c> {
        let table = crate::harness::unique_name("kind");
        conn.batch_execute(&format!(
            "CREATE TABLE {table} (id BIGINT PRIMARY KEY, v {sql_type})"
        ))
        .unwrap();
        let [id, mut v] = <[String; 2]>::try_from(placeholders(conn, 2)).unwrap();
        if !cast.is_empty() {
            v = cast.replace("{}", &v);
        }
        Column {
            insert: format!("INSERT INTO {table} (id, v) VALUES ({id}, {v})"),
            select: format!("SELECT v FROM {table} WHERE id = {id}"),
            count: format!("SELECT COUNT(*) FROM {table} WHERE id = {id}"),
            conn: RefCell::new(conn),
            sql_type: sql_type.to_owned(),
            next_id: Cell::new(0),
            kept: Cell::new(0),
        }
    }

    /// Writes `value` in a new row, and reads it back as a `T` twice: through the row's
    /// [`Value`] and straight from the driver's cells (as typed queries do).
    fn write_and_read<T: FromValue>(&self, value: Value) -> Result<[Result<T, Error>; 2], Error> {
        let id = Value::I64(self.next_id.replace(self.next_id.get() + 1));
        let mut conn = self.conn.borrow_mut();
        conn.execute_sql(&self.insert, &[id.clone(), value])?;
        let through_value = conn
            .query_sql(&self.select, std::slice::from_ref(&id))
            .and_then(|rows| rows[0].get::<T>(0));
        let mut direct = None;
        let streamed = conn.stream_cells(&self.select, &[id], &mut |cells| {
            direct = Some(T::from_cells(cells, 0));
            Ok(())
        });
        let direct = streamed.and_then(|_| direct.expect("one row"));
        Ok([through_value, direct])
    }

    /// Whether nothing was written in the row a refused value was for.
    fn nothing_written(&self) -> bool {
        let id = Value::I64(self.next_id.get() - 1);
        let rows = self.conn.borrow_mut().query_sql(&self.count, &[id]);
        rows.unwrap()[0].get::<i64>(0).unwrap() == 0
    }

    /// The property for one value: read back as the same (by `same`) both ways, or refused
    /// with a typed error (a refused write leaving no row).
    fn keeps<W, R>(&self, value: &W, same: impl Fn(&W, &R) -> bool) -> Result<(), TestCaseError>
    where
        W: ToValue + Debug,
        R: FromValue + Debug,
    {
        let backend = self.conn.borrow().backend();
        let at = || format!("{value:?} in {} on {backend}", self.sql_type);
        let fail = |what: String| Err(TestCaseError::fail(format!("{}: {what}", at())));
        let reads = match self.write_and_read::<R>(value.to_value()) {
            Ok(reads) => reads,
            Err(error) if is_typed(&error) && self.nothing_written() => return Ok(()),
            Err(error) if is_typed(&error) => {
                return fail(format!("refused ({error}), yet written"));
            }
            Err(error) => return fail(format!("the write failed untyped: {error}")),
        };
        for (read, how) in reads.into_iter().zip(["through Value", "from the cells"]) {
            match read {
                Ok(back) if same(value, &back) => {}
                Ok(back) => return fail(format!("read back {how} as {back:?}")),
                Err(error) if is_typed(&error) => {}
                Err(error) => return fail(format!("the read {how} failed untyped: {error}")),
            }
        }
        self.kept.set(self.kept.get() + 1);
        Ok(())
    }
}

/// The kinds tried through one connection, and every way they failed.
struct Trips<'c> {
    conn: &'c mut dyn Connection,
    failures: Vec<String>,
}

impl<'c> Trips<'c> {
    fn new(conn: &'c mut dyn Connection) -> Trips<'c> {
        Trips {
            conn,
            failures: Vec::new(),
        }
    }

    /// Every edge of `values`, then [`CASES`] random ones (stopping at the first that fails,
    /// shrunk), through a fresh column of `sql_type`; `same` says whether a value read back is
    /// the one written.
    fn kind<T>(&mut self, sql_type: &str, values: Values<T>, same: impl Fn(&T, &T) -> bool)
    where
        T: ToValue + FromValue + Debug + Clone,
    {
        let column = Column::create(&mut *self.conn, sql_type);
        for edge in &values.edges {
            if let Err(failure) = column.keeps(edge, &same) {
                self.failures.push(failure.to_string());
            }
        }
        let config = Config {
            cases: CASES,
            failure_persistence: None,
            rng_seed: seed(),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(failure) = runner.run(&values.random, |value| column.keeps(&value, &same)) {
            self.failures.push(failure.to_string());
        }
        if column.kept.get() == 0 {
            self.failures
                .push(format!("no value came back from {sql_type}"));
        }
    }

    /// Only `values`, each once, through a fresh column of `sql_type`: each must come back.
    fn fixed<T>(&mut self, sql_type: &str, values: &[T], same: impl Fn(&T, &T) -> bool)
    where
        T: ToValue + FromValue + Debug,
    {
        let column = Column::create(&mut *self.conn, sql_type);
        for value in values {
            if let Err(failure) = column.keeps(value, &same) {
                self.failures.push(failure.to_string());
            }
        }
        if column.kept.get() as usize != values.len() {
            self.failures
                .push(format!("{values:?} in {sql_type}: not all came back"));
        }
    }

    /// Fails with every failure, if there were any.
    fn finish(self) {
        assert!(self.failures.is_empty(), "\n{}", self.failures.join("\n"));
    }
}

fn equal<T: PartialEq>(a: &T, b: &T) -> bool {
    a == b
}

backend_test! {
    /// Booleans and integers of every width, signed and unsigned, in the integer column that
    /// holds them (SQLite has only its 64-bit INTEGER; PostgreSQL no unsigned types, so each
    /// goes into the next wider one, and `u64` into NUMERIC).
    fn integers_come_back_or_are_refused(conn, backend) {
        let mut trips = Trips::new(conn);
        trips.kind("BOOLEAN", strategies::bools(), equal);
        let p = |sqlite, postgres, mysql| pick(backend, sqlite, postgres, mysql);
        trips.kind(p("INTEGER", "SMALLINT", "TINYINT"), strategies::i8s(), equal);
        trips.kind(p("INTEGER", "SMALLINT", "SMALLINT"), strategies::i16s(), equal);
        trips.kind(p("INTEGER", "INTEGER", "INT"), strategies::i32s(), equal);
        trips.kind(p("INTEGER", "BIGINT", "BIGINT"), strategies::i64s(), equal);
        trips.kind(p("INTEGER", "SMALLINT", "TINYINT UNSIGNED"), strategies::u8s(), equal);
        trips.kind(p("INTEGER", "INTEGER", "SMALLINT UNSIGNED"), strategies::u16s(), equal);
        trips.kind(p("INTEGER", "BIGINT", "INT UNSIGNED"), strategies::u32s(), equal);
        trips.kind(p("INTEGER", "NUMERIC", "BIGINT UNSIGNED"), strategies::u64s(), equal);
        trips.finish();
    }
}

/// The same float: the same bits, or both NaN (a NaN's sign and payload need not survive).
/// One documented exception: SQLite (which keeps an integral REAL as an integer) and MySQL
/// store -0.0 as 0.0, which compares equal to it.
fn same_float(backend: Backend, a: f64, b: f64) -> bool {
    let zero_sign_lost = backend != Backend::Postgres && a == 0.0 && b == 0.0;
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()) || zero_sign_lost
}

backend_test! {
    /// Floats keep every bit: zeros, subnormals, extremes, infinities and NaN where the
    /// backend has them.
    fn floats_come_back_or_are_refused(conn, backend) {
        let mut trips = Trips::new(conn);
        trips.kind(pick(backend, "REAL", "REAL", "FLOAT"), strategies::f32s(), |a, b| {
            a.to_bits() == b.to_bits() || same_float(backend, (*a).into(), (*b).into())
        });
        trips.kind(pick(backend, "REAL", "DOUBLE PRECISION", "DOUBLE"), strategies::f64s(), |a, b| same_float(backend, *a, *b));
        trips.finish();
    }
}

backend_test! {
    /// Decimals with up to 28 fractional digits and 96-bit mantissas.
    fn decimals_come_back_or_are_refused(conn, backend) {
        let mut trips = Trips::new(conn);
        if backend == Backend::Sqlite {
            trips.kind("NUMERIC", strategies::decimals(), equal);
            trips.kind("DECIMAL(38, 10)", strategies::decimals(), equal);
        } else {
            trips.kind(pick(backend, "", "NUMERIC", "DECIMAL(65, 30)"), strategies::decimals(), equal);
        }
        trips.finish();
    }
}

backend_test! {
    fn text_and_bytes_come_back_or_are_refused(conn, backend) {
        let mut trips = Trips::new(conn);
        trips.kind(pick(backend, "TEXT", "TEXT", "LONGTEXT"), strategies::texts(), equal);
        trips.kind(pick(backend, "BLOB", "BYTEA", "LONGBLOB"), strategies::byte_strings(), equal);
        trips.finish();
    }
}

backend_test! {
    fn dates_and_times_come_back_or_are_refused(conn, backend) {
        let mut trips = Trips::new(conn);
        trips.kind(pick(backend, "TEXT", "DATE", "DATE"), strategies::dates(), equal);
        trips.kind(pick(backend, "TEXT", "TIME", "TIME(6)"), strategies::times(), equal);
        trips.kind(pick(backend, "TEXT", "TIMESTAMP", "DATETIME(6)"), strategies::timestamps(), equal);
        trips.kind(pick(backend, "TEXT", "TIMESTAMPTZ", "TIMESTAMP(6) NULL"), strategies::utc_timestamps(), equal);
        trips.finish();
    }
}

/// The same document, its numbers compared by exact value: PostgreSQL's JSONB keeps numbers
/// as NUMERIC, so the float 1e19 comes back as the integer 10000000000000000000 (and -0.0 as
/// 0, which compares equal to it).
fn same_json(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => match (integer(x), integer(y)) {
            (Some(m), Some(n)) => m == n,
            (None, None) => x.as_f64() == y.as_f64(),
            (Some(n), None) => is_integral(y, n),
            (None, Some(n)) => is_integral(x, n),
        },
        (Json::Array(xs), Json::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_json(x, y))
        }
        (Json::Object(xs), Json::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, x)| ys.get(k).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

/// Whether the float `x`, as JSON writes it (its shortest decimal: `2.5938052266306913e18`),
/// is the integer `n` (`2593805226630691300`, as JSONB keeps that decimal): `n` reads back as
/// the same float. (The float's binary value, `…328`, is not what the document said.)
fn is_integral(x: &serde_json::Number, n: i128) -> bool {
    x.as_f64().is_some_and(|f| {
        f.fract() == 0.0 && n as f64 == f && format!("{f}").parse::<i128>() == Ok(n)
    })
}

/// A JSON integer, wide enough for `i64` and `u64` alike.
fn integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64().map(i128::from).or(n.as_u64().map(i128::from))
}

backend_test! {
    fn uuids_and_json_come_back_or_are_refused(conn, backend) {
        let mut trips = Trips::new(conn);
        trips.kind(pick(backend, "TEXT", "UUID", "CHAR(36)"), strategies::uuids(), equal);
        trips.kind(pick(backend, "TEXT", "JSONB", "JSON"), strategies::documents(), same_json);
        trips.finish();
    }
}

backend_test! {
    /// PostgreSQL arrays of integers and of text (NULL elements among them); the other
    /// backends have no array type and refuse them before anything is written.
    fn arrays_come_back_or_are_refused(conn, backend) {
        if backend != Backend::Postgres {
            let column = Column::create(conn, "TEXT");
            for array in strategies::integer_arrays().edges {
                let error = column.write_and_read::<Value>(array).err();
                assert!(matches!(error, Some(Error::Encode { index: 2, .. })), "{error:?}");
            }
            return;
        }
        let mut trips = Trips::new(conn);
        trips.kind("BIGINT[]", strategies::integer_arrays(), equal);
        trips.kind("TEXT[]", strategies::text_arrays(), equal);
        trips.finish();
    }
}

backend_test! {
    /// `NULL` in a column of every type above reads back as `NULL`.
    fn nulls_come_back_in_every_type(conn, backend) {
        let types = match backend {
            Backend::Sqlite => &["INTEGER", "REAL", "NUMERIC", "TEXT", "BLOB"][..],
            Backend::Postgres => &[
                "BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "NUMERIC", "REAL", "DOUBLE PRECISION",
                "TEXT", "BYTEA", "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "UUID", "JSONB",
                "BIGINT[]",
            ],
            Backend::MySql => &[
                "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "TINYINT UNSIGNED",
                "SMALLINT UNSIGNED", "INT UNSIGNED", "BIGINT UNSIGNED", "FLOAT", "DOUBLE",
                "DECIMAL(65, 30)", "LONGTEXT", "LONGBLOB", "DATE", "TIME(6)", "DATETIME(6)",
                "TIMESTAMP(6) NULL", "CHAR(36)", "JSON",
            ],
        };
        let mut trips = Trips::new(conn);
        for sql_type in types {
            trips.fixed(sql_type, &[Value::Null], equal);
        }
        trips.finish();
    }
}
