//! Integers of different widths and signedness compare with each other and with literals, and
//! read into any Rust integer that holds every value of their type — on every backend (unsigned
//! columns are MySQL's; elsewhere they are wider signed columns).

use dovetail::Backend;
use dovetail::prelude::*;

use crate::harness::backend_test;

dovetail::table! {
    counter { id: Integer, hits: UnsignedInt, small: SmallInt, big: BigInt }
    primary_key (id);
}

fn create(conn: &mut dyn Connection, backend: Backend) {
    let hits = match backend {
        Backend::MySql => "INT UNSIGNED",
        _ => "BIGINT",
    };
    conn.batch_execute(&format!(
        "CREATE TABLE counter (id INTEGER PRIMARY KEY, hits {hits} NOT NULL, \
         small SMALLINT NOT NULL, big BIGINT NOT NULL)"
    ))
    .unwrap();
    insert_into(counter::table)
        .values_many([
            (
                counter::id.set(1),
                counter::hits.set(4_000_000_000),
                counter::small.set(-5),
                counter::big.set(4_000_000_000),
            ),
            (
                counter::id.set(2),
                counter::hits.set(3),
                counter::small.set(7),
                counter::big.set(2),
            ),
        ])
        .execute(conn)
        .unwrap();
}

backend_test! {
    fn integers_compare_across_widths_and_signs(conn, backend) {
        create(conn, backend);
        let rows: Vec<(i64, i64, u64, i32)> = counter::table
            .filter(counter::hits.gt(counter::small))
            .filter(counter::big.eq(counter::hits))
            .filter(counter::hits.ge(5))
            .select((counter::hits, counter::small, counter::hits, counter::id))
            .load(conn)
            .unwrap();
        assert_eq!(rows, vec![(4_000_000_000, -5, 4_000_000_000, 1)]);
        let small_below: Vec<i32> = counter::table
            .filter(counter::small.lt(counter::id.cast::<SmallInt>() + 1))
            .select(counter::id)
            .order_by(counter::id)
            .load(conn)
            .unwrap();
        assert_eq!(small_below, vec![1]);
    }
}
