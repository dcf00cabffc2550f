//! Typed SQL expressions — portable functions, CASE, conditional aggregates — give the same
//! values on every backend.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use dovetail::ast::FrameBound;
use dovetail::dsl::aggregate::string_agg;
use dovetail::dsl::grouping::group_key;
use dovetail::dsl::window::{
    dense_rank, first_value, lag, last_value, lead, ntile, rank, row_number, window,
};
use dovetail::dsl::{constant, escape_like};
use dovetail::prelude::*;
use dovetail_tests::shop::*;
use rust_decimal::Decimal;

use crate::harness::backend_test;
use crate::shop_fixture;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

backend_test! {
    /// Text functions count characters, not bytes, and agree on every backend.
    fn text_functions_agree(conn, backend) {
        shop_fixture::create(conn, backend);
        let towel: Vec<(String, String, i32, String, String, i32)> = product::table
            .filter(product::id.eq(4))
            .select((
                product::name.lower(),
                product::name.upper(),
                product::name.length(),
                product::name.substring(1, 3),
                product::name.replace("Tea", "Hot"),
                product::name.position("towel"),
            ))
            .load(conn)
            .unwrap();
        assert_eq!(
            towel,
            vec![("tea towel".into(), "TEA TOWEL".into(), 9, "Tea".into(), "Hot towel".into(), 5)]
        );
        insert_into(tag::table)
            .values_many([tag::name.set("  café  "), tag::name.set("thé")])
            .execute(conn)
            .unwrap();
        let trimmed: Vec<(String, String, String, i32, i32)> = tag::table
            .filter(tag::name.like("%caf%"))
            .select((
                tag::name.trim(),
                tag::name.ltrim(),
                tag::name.rtrim(),
                tag::name.trim().length(),
                tag::name.position("z"),
            ))
            .load(conn)
            .unwrap();
        assert_eq!(trimmed, vec![("café".into(), "café  ".into(), "  café".into(), 4, 0)]);
        let lengths: Vec<i32> =
            tag::table.filter(tag::name.eq("thé")).select(tag::name.length()).load(conn).unwrap();
        assert_eq!(lengths, vec![3]);
    }
}

backend_test! {
    /// Number functions: absolute values, rounding of NUMERIC to digits, integer remainders,
    /// and greatest/least of non-null values.
    fn number_functions_agree(conn, backend) {
        shop_fixture::create(conn, backend);
        let prices: Vec<(Decimal, Decimal, Decimal, Decimal)> = product::table
            .select((
                product::price.round(0),
                product::price.round(1),
                product::price.ceil(),
                product::price.floor(),
            ))
            .order_by(product::id)
            .load(conn)
            .unwrap();
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            prices,
            vec![
                (d("26"), d("25.5"), d("26"), d("25")),
                (d("40"), d("40"), d("40"), d("40")),
                (d("7"), d("7.3"), d("8"), d("7")),
                (d("3"), d("3"), d("3"), d("3")),
            ]
        );
        let below: Vec<(Decimal, Decimal)> = product::table
            .filter(product::id.eq(1))
            .select(((product::price - 30).ceil(), (product::price - 30).floor()))
            .load(conn)
            .unwrap();
        assert_eq!(below, vec![(d("-4"), d("-5"))]);
        let quantities: Vec<(i32, i32, i32, i32, Option<i32>)> = order_line::table
            .select((
                (order_line::quantity - 5).abs(),
                order_line::quantity.modulo(2),
                order_line::quantity.greatest(2),
                order_line::quantity.least(2),
                order_line::quantity.nullif(1),
            ))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert_eq!(
            quantities,
            vec![(4, 1, 2, 1, None), (1, 0, 4, 2, Some(4)), (4, 1, 2, 1, None), (3, 0, 2, 2, Some(2)), (2, 1, 3, 2, Some(3))]
        );
    }
}

backend_test! {
    /// Fields of dates and timestamps, differences of dates in days, and dates and times moved
    /// by days, months and seconds.
    fn date_functions_agree(conn, backend) {
        shop_fixture::create(conn, backend);
        let parts: Vec<(i32, i32, i32, i32)> = orders::table
            .select((
                orders::placed_on.year(),
                orders::placed_on.month(),
                orders::placed_on.day(),
                orders::placed_on.days_since(date(2026, 1, 1)),
            ))
            .order_by(orders::id)
            .load(conn)
            .unwrap();
        assert_eq!(parts, vec![(2026, 1, 5, 4), (2026, 2, 14, 44), (2026, 3, 1, 59)]);
        let moved: Vec<(NaiveDate, NaiveDate, NaiveDate)> = orders::table
            .select((
                orders::placed_on.plus_days(10),
                orders::placed_on.plus_days(-5),
                orders::placed_on.plus_months(1),
            ))
            .order_by(orders::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            moved,
            vec![
                (date(2026, 1, 15), date(2025, 12, 31), date(2026, 2, 5)),
                (date(2026, 2, 24), date(2026, 2, 9), date(2026, 3, 14)),
                (date(2026, 3, 11), date(2026, 2, 24), date(2026, 4, 1)),
            ]
        );
        let at = date(2026, 3, 1).and_hms_opt(13, 45, 30).unwrap();
        let clock: Vec<(i32, i32, i32, NaiveDateTime, NaiveDateTime)> = coupon::table
            .select((
                constant(at).hour(),
                constant(at).minute(),
                constant(at).second(),
                constant(at).plus_seconds(40),
                constant(at).plus_days(1),
            ))
            .load(conn)
            .unwrap();
        assert_eq!(
            clock,
            vec![(13, 45, 30, date(2026, 3, 1).and_hms_opt(13, 46, 10).unwrap(), date(2026, 3, 2).and_hms_opt(13, 45, 30).unwrap())]
        );
        let today = Utc::now().date_naive();
        let current: Vec<(NaiveDate, NaiveDateTime)> =
            coupon::table.select((current_date(), now())).load(conn).unwrap();
        let (server_date, server_now) = current[0];
        assert!((server_date - today).num_days().abs() <= 1, "{server_date} vs {today}");
        assert!((server_now.date() - today).num_days().abs() <= 1, "{server_now} vs {today}");
    }
}

backend_test! {
    /// CASE, searched and simple, with and without ELSE, and over aggregates.
    fn case_expressions_agree(conn, backend) {
        shop_fixture::create(conn, backend);
        let bands: Vec<(String, String)> = product::table
            .select((
                product::name,
                case_when(product::price.lt(10), "cheap").when(product::price.lt(30), "fair").otherwise("dear"),
            ))
            .order_by(product::id)
            .load(conn)
            .unwrap();
        assert_eq!(
            bands,
            vec![
                ("Kettle".to_string(), "fair".to_string()),
                ("Teapot".into(), "dear".into()),
                ("Mug".into(), "cheap".into()),
                ("Tea towel".into(), "cheap".into()),
            ]
        );
        let words: Vec<(Option<String>, String)> = order_line::table
            .select((
                case(order_line::quantity).when(1, "one").when(2, "two"),
                case(order_line::quantity).when(1, "one").otherwise("more"),
            ))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert_eq!(
            words,
            vec![
                (Some("one".to_string()), "one".to_string()),
                (None, "more".into()),
                (Some("one".into()), "one".into()),
                (Some("two".into()), "more".into()),
                (None, "more".into()),
            ]
        );
        let sizes: Vec<(i32, String)> = order_line::table
            .group_by(order_line::order_id)
            .select((
                order_line::order_id,
                case_when(sum(order_line::quantity).gt(4_i64), "big").otherwise("small"),
            ))
            .order_by(order_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(sizes, vec![(1, "big".to_string()), (2, "small".into()), (3, "big".into())]);
    }
}

backend_test! {
    /// Conditional aggregates: FILTER where the dialect has it, CASE inside the aggregate
    /// elsewhere, with the same results.
    fn filtered_aggregates_agree(conn, backend) {
        shop_fixture::create(conn, backend);
        let counts: Vec<(i64, i64, Option<i64>, Option<i64>)> = order_line::table
            .select((
                count_star(),
                count_star().filter(order_line::quantity.gt(1)),
                sum(order_line::quantity).filter(order_line::quantity.gt(1)),
                sum(order_line::quantity).filter(order_line::quantity.gt(10)),
            ))
            .load(conn)
            .unwrap();
        assert_eq!(counts, vec![(5, 3, Some(9), None)]);
    }
}

backend_test! {
    /// One LIKE pattern matches the same rows everywhere: `\` escapes on every backend, and
    /// `escape_like` makes user input match literally. Whether LIKE ignores case is the
    /// backend's (PostgreSQL does not, MySQL's default collation and SQLite do for ASCII);
    /// `ilike` ignores it everywhere.
    fn like_patterns_match_alike(conn, backend) {
        shop_fixture::create(conn, backend);
        insert_into(tag::table)
            .values_many([tag::name.set("100% cotton"), tag::name.set("100 cotton"), tag::name.set("a_b"), tag::name.set("axb"), tag::name.set(r"back\slash")])
            .execute(conn)
            .unwrap();
        let matching = |pattern: String, conn: &mut dyn Connection| -> Vec<String> {
            let mut names: Vec<String> =
                tag::table.filter(tag::name.like(pattern)).select(tag::name).load(conn).unwrap();
            names.sort();
            names
        };
        assert_eq!(matching(format!("{}%", escape_like("100%")), conn), vec!["100% cotton"]);
        assert_eq!(matching(escape_like("a_b"), conn), vec!["a_b"]);
        assert_eq!(matching("a_b".into(), conn), vec!["a_b", "axb"]);
        assert_eq!(matching(format!("%{}%", escape_like(r"\")), conn), vec![r"back\slash"]);
        assert_eq!(matching(r"100\% %".into(), conn), vec!["100% cotton"]);
        let bang: Vec<String> =
            tag::table.filter(tag::name.like_escaped("100!%%", '!')).select(tag::name).load(conn).unwrap();
        assert_eq!(bang, vec!["100% cotton"]);
        let upper: Vec<String> =
            product::table.filter(product::name.like("kettle")).select(product::name).load(conn).unwrap();
        let expected: Vec<String> = match backend {
            dovetail::Backend::Postgres => vec![],
            _ => vec!["Kettle".into()],
        };
        assert_eq!(upper, expected);
        let any_case: Vec<String> =
            product::table.filter(product::name.ilike("KETTLE")).select(product::name).load(conn).unwrap();
        assert_eq!(any_case, vec!["Kettle"]);
    }
}

/// rank, dense_rank, row_number, partition sum, running sum, lag, lead with default, ntile.
type WindowRow = (
    i64,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i32>,
    i32,
    i64,
);

backend_test! {
    /// Ranking, navigation and aggregate window functions, with partitions, orderings and
    /// frames; in a grouped query; and filtered on through a derived table (top one per
    /// group).
    fn window_functions_agree(conn, backend) {
        shop_fixture::create(conn, backend);
        let in_order = || window().order_by(order_line::order_id).order_by(order_line::product_id);
        let by_order = || window().partition_by(order_line::order_id);
        let rows: Vec<WindowRow> = order_line::table
            .select((
                rank().over(window().order_by(order_line::quantity)),
                dense_rank().over(window().order_by(order_line::quantity)),
                row_number().over(in_order()),
                sum(order_line::quantity).over(by_order()),
                sum(order_line::quantity).over(in_order().rows_between(FrameBound::UnboundedPreceding, FrameBound::CurrentRow)),
                lag(order_line::quantity, 1).over(in_order()),
                lead(order_line::quantity, 1).or_default(0).over(in_order()),
                ntile(2).over(in_order()),
            ))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                (1, 1, 1, Some(5), Some(1), None, 4, 1),
                (5, 4, 2, Some(5), Some(5), Some(1), 1, 1),
                (1, 1, 3, Some(1), Some(6), Some(4), 2, 1),
                (3, 2, 4, Some(5), Some(8), Some(1), 3, 2),
                (4, 3, 5, Some(5), Some(11), Some(2), 0, 2),
            ]
        );
        let edges: Vec<(Option<i32>, Option<i32>)> = order_line::table
            .select((
                first_value(order_line::quantity).over(by_order().order_by(order_line::product_id)),
                last_value(order_line::quantity).over(
                    by_order()
                        .order_by(order_line::product_id)
                        .rows_between(FrameBound::UnboundedPreceding, FrameBound::UnboundedFollowing),
                ),
            ))
            .order_by((order_line::order_id, order_line::product_id))
            .load(conn)
            .unwrap();
        assert_eq!(
            edges,
            vec![(Some(1), Some(4)), (Some(1), Some(4)), (Some(1), Some(1)), (Some(2), Some(3)), (Some(2), Some(3))]
        );
        let grouped: Vec<(i32, Option<i64>, i64)> = order_line::table
            .group_by(order_line::order_id)
            .select((
                order_line::order_id,
                sum(order_line::quantity),
                rank().over(window().order_by_desc(sum(order_line::quantity))),
            ))
            .order_by(order_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(grouped, vec![(1, Some(5), 1), (2, Some(1), 3), (3, Some(5), 1)]);
        let ranked = order_line::table
            .select((
                order_line::order_id,
                order_line::product_id,
                row_number().over(by_order().order_by_desc(order_line::quantity)),
            ))
            .as_table(ranked_line::table);
        let top: Vec<(i32, i32)> = ranked
            .query()
            .filter(ranked_line::place.eq(1_i64))
            .select((ranked_line::order_id, ranked_line::product_id))
            .order_by(ranked_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(top, vec![(1, 3), (2, 2), (3, 4)]);
    }
}

/// Functions declared with `sql_function!`, as a user declares the ones the library lacks.
mod declared {
    use dovetail::prelude::*;

    dovetail::sql_function! {
        /// The code of a text's first character, under each dialect's name.
        pub fn first_code(text: Text) -> Integer { postgres: "ascii", mysql: "ASCII", sqlite: "unicode" }
    }

    dovetail::sql_function! {
        /// The least value, declared as an aggregate by its SQL name.
        pub aggregate fn min(value: Integer) -> Nullable<Integer>;
    }
}

backend_test! {
    /// Declared functions are typed calls: a scalar one named per dialect, and an aggregate
    /// that stands beside grouped columns.
    fn declared_functions_run(conn, backend) {
        shop_fixture::create(conn, backend);
        let codes: Vec<(i32, Option<i32>)> = product::table
            .filter(product::id.le(2))
            .select((declared::first_code(product::name), declared::first_code(product::description)))
            .order_by(product::id)
            .load(conn)
            .unwrap();
        assert_eq!(codes, vec![(75, Some(66)), (84, None)]);
        let least: Vec<(i32, Option<i32>)> = order_line::table
            .group_by(order_line::order_id)
            .select((order_line::order_id, declared::min(order_line::quantity)))
            .order_by(order_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(least, vec![(1, Some(1)), (2, Some(1)), (3, Some(2))]);
    }
}

backend_test! {
    /// GROUP BY expressions: sales per year and month, and per name prefix (whose bound
    /// arguments appear in both the selection and the grouping).
    fn grouping_by_expressions(conn, backend) {
        shop_fixture::create(conn, backend);
        let month = group_key(orders::placed_on.month());
        let year = group_key(orders::placed_on.year());
        let per_month: Vec<(i32, i32, i64)> = orders::table
            .group_by((year, month))
            .select((year, month, count_star()))
            .order_by((year, month))
            .load(conn)
            .unwrap();
        assert_eq!(per_month, vec![(2026, 1, 1), (2026, 2, 1), (2026, 3, 1)]);
        let prefix = group_key(product::name.substring(1, 3));
        let per_prefix: Vec<(String, i64)> = product::table
            .group_by(prefix.clone())
            .select((prefix, count_star()))
            .order_by(count_star().desc())
            .load(conn)
            .unwrap();
        assert_eq!(per_prefix[0], ("Tea".to_string(), 2));
        assert_eq!(per_prefix.len(), 3);
    }
}

backend_test! {
    /// string_agg joins a group's texts in the given order, whatever their length (MySQL's
    /// GROUP_CONCAT limit is raised per session).
    fn string_agg_joins_in_order(conn, backend) {
        shop_fixture::create(conn, backend);
        let names: Vec<(i32, Option<String>)> = order_line::table
            .join_fk(product::table)
            .group_by(order_line::order_id)
            .select((order_line::order_id, string_agg(product::name, ", ").order_by_desc(product::name)))
            .order_by(order_line::order_id)
            .load(conn)
            .unwrap();
        assert_eq!(
            names,
            vec![
                (1, Some("Mug, Kettle".to_string())),
                (2, Some("Teapot".into())),
                (3, Some("Tea towel, Mug".into())),
            ]
        );
        // 30 names of 40 characters: 1,229 joined, past MySQL's default limit of 1,024.
        let long = "x".repeat(40);
        insert_into(tag::table).values_many((0..30).map(|_| tag::name.set(long.clone()))).execute(conn).unwrap();
        let joined: Vec<Option<String>> = tag::table
            .filter(tag::name.like("x%"))
            .select(string_agg(tag::name, "'"))
            .load(conn)
            .unwrap();
        assert_eq!(joined, vec![Some(vec![long; 30].join("'"))]);
    }
}

backend_test! {
    /// DISTINCT ON keeps the first row of each key in the query's order on PostgreSQL, and is
    /// a typed `Unsupported` error elsewhere.
    fn distinct_on_keeps_the_first_row_per_key(conn, backend) {
        shop_fixture::create(conn, backend);
        let biggest: dovetail::Result<Vec<(i32, i32)>> = order_line::table
            .distinct_on(order_line::order_id)
            .select((order_line::order_id, order_line::product_id))
            .order_by(order_line::quantity.desc())
            .load(conn);
        match backend {
            dovetail::Backend::Postgres => assert_eq!(biggest.unwrap(), vec![(1, 3), (2, 2), (3, 4)]),
            _ => assert!(matches!(biggest, Err(dovetail::Error::Unsupported { .. })), "{biggest:?}"),
        }
    }
}

backend_test! {
    /// Output column names: selected under a name and ordered by it, in a plain, a DISTINCT
    /// and a windowed grouped query.
    fn output_names_order_results(conn, backend) {
        shop_fixture::create(conn, backend);
        let items = sum(order_line::quantity).alias("items");
        let per_order: Vec<(i32, Option<i64>)> = order_line::table
            .group_by(order_line::order_id)
            .select((order_line::order_id, items))
            .order_by((items.desc(), order_line::order_id))
            .load(conn)
            .unwrap();
        assert_eq!(per_order, vec![(1, Some(5)), (3, Some(5)), (2, Some(1))]);
        let name = product::name.upper().alias("shout");
        let names: Vec<String> = product::table.distinct().select(name).order_by(name).load(conn).unwrap();
        assert_eq!(names, vec!["KETTLE", "MUG", "TEA TOWEL", "TEAPOT"]);
        let place = rank().over(window().order_by_desc(sum(order_line::quantity))).alias("place");
        let ranked: Vec<(i32, i64)> = order_line::table
            .group_by(order_line::order_id)
            .select((order_line::order_id, place.clone()))
            .order_by((place.desc(), order_line::order_id))
            .load(conn)
            .unwrap();
        assert_eq!(ranked, vec![(2, 3), (1, 1), (3, 1)]);
    }
}
