//! Multi-row inserts larger than a statement's parameter limit: split into batches, in one
//! transaction, with RETURNING rows in input order — on every backend.

use dovetail::dsl::expression::Bind;
use dovetail::dsl::write::Assign;
use dovetail::prelude::*;
use dovetail::{Backend, Error};

use crate::harness::backend_test;

dovetail::table! {
    reading { id: Integer, label: Text }
    primary_key (id);
}

/// 40,000 rows of two values: 80,000 parameters, over every backend's limit.
const ROWS: i32 = 40_000;

fn create(conn: &mut dyn Connection) {
    conn.batch_execute("CREATE TABLE reading (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL)")
        .unwrap();
}

fn rows(
    ids: impl Iterator<Item = i32>,
) -> impl Iterator<
    Item = (
        Assign<reading::id, Bind<Integer>>,
        Assign<reading::label, Bind<Text>>,
    ),
> {
    ids.map(|i| (reading::id.set(i), reading::label.set(format!("r{i}"))))
}

backend_test! {
    fn inserts_over_the_parameter_limit_are_batched(conn, backend) {
        create(conn);
        // Descending ids, so RETURNING in key order would differ from input order.
        let insert = insert_into(reading::table).values_many(rows((1..=ROWS).rev()));
        let batches = insert.batches(conn.dialect()).unwrap();
        assert_eq!(batches.len(), if backend == Backend::Sqlite { 3 } else { 2 });
        assert!(batches.iter().all(|b| b.params.len() <= conn.dialect().max_params()));
        let returned: Vec<(i32, String)> = match conn.dialect().supports_returning(dovetail::render::WriteKind::Insert) {
            true => insert
                .returning((reading::id, reading::label))
                .load(conn)
                .unwrap(),
            false => {
                assert_eq!(insert.execute(conn).unwrap(), ROWS as u64);
                reading::table.select((reading::id, reading::label)).order_by(reading::id.desc()).load(conn).unwrap()
            }
        };
        assert_eq!(returned.len(), ROWS as usize);
        let expected: Vec<(i32, String)> = (1..=ROWS).rev().map(|i| (i, format!("r{i}"))).collect();
        assert!(returned == expected, "RETURNING rows come back in input order");
    }
}

backend_test! {
    fn a_failing_batch_leaves_no_row_of_the_insert(conn, backend) {
        create(conn);
        // The last row repeats the first key: the last batch fails after the first committed…
        let ids = (1..=ROWS).chain([1]);
        let error = insert_into(reading::table).values_many(rows(ids)).execute(conn).unwrap_err();
        assert!(matches!(error, Error::UniqueViolation(_)), "{error}");
        // …and the transaction around the batches took them back.
        let count: i64 = conn.query_sql("SELECT COUNT(*) FROM reading", &[]).unwrap()[0].get(0).unwrap();
        assert_eq!(count, 0);
        assert_eq!(conn.transaction_depth(), 0);
        // Inside a caller's transaction, the batches use a savepoint.
        let outcome: Result<u64, Error> = conn.transaction(|tx| {
            insert_into(reading::table).values(rows(0..1).next().unwrap()).execute(tx)?;
            assert!(insert_into(reading::table).values_many(rows((1..=ROWS).chain([1]))).execute(tx).is_err());
            insert_into(reading::table).values_many(rows(1..=ROWS)).execute(tx)
        });
        assert_eq!(outcome.unwrap(), ROWS as u64);
        let count: i64 = conn.query_sql("SELECT COUNT(*) FROM reading", &[]).unwrap()[0].get(0).unwrap();
        assert_eq!(count, i64::from(ROWS) + 1);
    }
}

backend_test! {
    fn batched_upserts_bind_their_own_values_after_each_batch_of_rows(conn, backend) {
        create(conn);
        insert_into(reading::table).values_many(rows(1..=10)).execute(conn).unwrap();
        // The update binds a value of its own, after the rows' values in every batch.
        let upsert = insert_into(reading::table)
            .values_many(rows(1..=ROWS))
            .on_conflict(reading::id)
            .do_update(reading::label.set("again"));
        let batches = upsert.batches(conn.dialect()).unwrap();
        assert!(batches.len() > 1);
        assert!(batches.iter().all(|b| b.params.len() <= conn.dialect().max_params()));
        upsert.execute(conn).unwrap();
        let stored: Vec<(i32, String)> = reading::table
            .select((reading::id, reading::label))
            .order_by(reading::id)
            .load(conn)
            .unwrap();
        let expected: Vec<(i32, String)> = (1..=ROWS)
            .map(|i| (i, if i <= 10 { "again".to_owned() } else { format!("r{i}") }))
            .collect();
        assert!(stored == expected, "{backend:?}: every row once, the first ten updated");
    }
}

backend_test! {
    fn rows_of_values_and_rows_of_expressions_mix_in_one_insert(conn, backend) {
        create(conn);
        let computed = Bind::<Text>::new("b".into()).upper();
        let insert = insert_into(reading::table)
            .values((reading::id.set(1), reading::label.set("a")))
            .values((reading::label.set(computed), reading::id.set(2)))
            .values((reading::id.set(3), reading::label.set("c")));
        assert_eq!(insert.execute(conn).unwrap(), 3);
        let stored: Vec<(i32, String)> = reading::table
            .select((reading::id, reading::label))
            .order_by(reading::id)
            .load(conn)
            .unwrap();
        assert_eq!(stored, [(1, "a".into()), (2, "B".into()), (3, "c".into())], "{backend:?}");
    }
}
