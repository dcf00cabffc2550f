//! Typed SELECT: a FROM list, a grouping and a selection as types; everything else as data.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! {
//!     artist { id: Integer, name: Text }
//!     primary_key (id);
//! }
//! dovetail::table! {
//!     album { id: Integer, title: Text, artist_id: Integer }
//!     primary_key (id);
//!     foreign_key artist (artist_id) references artist (id);
//! }
//! let query = album::table
//!     .join_fk(artist::table)
//!     .filter(artist::name.eq("AC/DC"))
//!     .select((album::title, artist::name))
//!     .order_by(album::title.asc())
//!     .limit(10);
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     "SELECT \"album\".\"title\", \"artist\".\"name\" FROM \"album\" \
//!      INNER JOIN \"artist\" ON \"album\".\"artist_id\" = \"artist\".\"id\" \
//!      WHERE \"artist\".\"name\" = $1 ORDER BY \"album\".\"title\" ASC LIMIT $2"
//! );
//! ```

use std::marker::PhantomData;

use super::condition::{GroupCondition, RowCondition};
use super::correlate::{Outer, Standalone};
use super::derived::Source;
use super::distinct::{
    Distinct, LockableRows, MakeDistinct, OrderInto, SelectInto, Sorted, Unsorted,
};
use super::expression::{Expression, InScope};
use super::grouping::{GroupList, Groupable, Grouped, Grouping, Lockable, NoGroup};
use super::join::{FkLink, fk_condition};
use super::order::OrdersQuery;
use super::parts::QueryParts;
use super::scope::{AllNullable, Cons, InFrom, LeftJoined, LockTargets, NamedApart, Nil};
use super::selection::{RowCursor, RowOf, Selection, SelectsQuery, load_rows};
use super::table::{ForeignKey, Table};
use crate::ast;
use crate::connection::Connection;
use crate::error::Result;
use crate::render::{Dialect, Rendered, SharedRendered, render_select_cached};
use crate::value::Value;

/// The FROM list of `table.full_join_on(joined, …)`: both tables nullable.
type BothNullable<T, J> = Cons<LeftJoined<J>, Cons<LeftJoined<T>, Nil>>;

/// The type parameters of a query, held without owning any value of them.
type Types<F, G, S, D> = PhantomData<fn() -> (F, G, S, D)>;

/// The selection of a query that has not called `.select(…)` yet.
#[derive(Debug)]
pub enum NothingSelected {}

/// A query that has not selected yet: a RIGHT or FULL JOIN, which makes the tables before it
/// nullable, comes before the selection whose types that would change.
#[diagnostic::on_unimplemented(
    message = "a RIGHT or FULL JOIN must come before `.select(…)`",
    label = "the query has selected already",
    note = "it makes the tables joined before it nullable, which changes the selection's types: join first, then select"
)]
pub trait BeforeSelection {}

#[diagnostic::do_not_recommend]
impl BeforeSelection for NothingSelected {}

/// A typed SELECT reading the FROM list `F`, grouped by `G`, selecting SQL types `S`, DISTINCT
/// or ordered as `D` says ([`Unsorted`], [`Sorted`] or [`Distinct`], with the selection a
/// DISTINCT query's ORDER BY is checked against).
#[derive(Debug)]
pub struct SelectQuery<F, G = NoGroup, S = NothingSelected, D = Unsorted> {
    parts: QueryParts,
    types: Types<F, G, S, D>,
}

impl<F, G, S, D> Clone for SelectQuery<F, G, S, D> {
    fn clone(&self) -> Self {
        SelectQuery {
            parts: self.parts.clone(),
            types: PhantomData,
        }
    }
}

impl<T: Table> SelectQuery<Cons<T, Nil>> {
    /// `SELECT … FROM table`.
    pub fn from_table() -> Self {
        SelectQuery {
            parts: QueryParts::from_table(T::table_ref()),
            types: PhantomData,
        }
    }

    /// `SELECT … FROM source`: a table, a derived table or a CTE (defined in the WITH clause).
    pub fn from_source<Src: Source<Table = T>>(source: &Src) -> Self {
        let mut parts = QueryParts::from_factor(source.factor());
        source.define(&mut parts.query.with);
        SelectQuery {
            parts,
            types: PhantomData,
        }
    }
}

impl<F, G, S, D> SelectQuery<F, G, S, D> {
    fn retype<F2, G2, S2, D2>(self) -> SelectQuery<F2, G2, S2, D2> {
        SelectQuery {
            parts: self.parts,
            types: PhantomData,
        }
    }

    fn join<J: Source>(mut self, source: &J, operator: ast::JoinOperator) -> Self {
        source.define(&mut self.parts.query.with);
        self.parts.join(ast::Join {
            operator,
            relation: source.factor(),
        });
        self
    }

    /// Adds a `WHERE` condition (ANDed with earlier ones). It must be boolean, read only tables
    /// of the query, and use no aggregate.
    pub fn filter<P: RowCondition<F, (IS, IG)>, IS, IG>(mut self, condition: P) -> Self {
        self.parts.filter(condition.lower());
        self
    }

    /// Adds ORDER BY terms: expressions (ascending), `.asc()` / `.desc()` terms, or a tuple.
    /// Like the selection they must be grouped or aggregated in a grouped query, and may not
    /// mix plain columns with aggregates in one without GROUP BY.
    pub fn order_by<O: OrdersQuery<F, G, I, Next = G2>, I, G2, J, D2>(
        mut self,
        terms: O,
    ) -> SelectQuery<F, G2, S, D2>
    where
        D: OrderInto<O, J, Next = D2>,
    {
        self.parts.query.order_by.extend(terms.lower_terms());
        self.retype()
    }

    /// `LIMIT n`.
    pub fn limit(mut self, n: u64) -> Self {
        self.parts.query.limit = Some(count(n));
        self
    }

    /// `OFFSET n`.
    pub fn offset(mut self, n: u64) -> Self {
        self.parts.query.offset = Some(count(n));
        self
    }

    /// `SELECT DISTINCT`: before `.order_by(…)`, whose terms must then be selected
    /// expressions.
    pub fn distinct<D2>(mut self) -> SelectQuery<F, G, S, D2>
    where
        D: MakeDistinct<Next = D2>,
    {
        self.parts.select.distinct = Some(ast::Distinct::All);
        self.retype()
    }

    /// `SELECT DISTINCT ON (key)` (PostgreSQL; a typed `Unsupported` error elsewhere): one row
    /// per value of `key`, the first in the query's ordering. `key` leads the ORDER BY, as
    /// PostgreSQL requires; the query's own `.order_by(…)` terms then choose which row of each
    /// key comes first.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { visit { id: Integer, customer_id: Integer, seen_at: Timestamp } primary_key (id); }
    /// let latest = visit::table
    ///     .distinct_on(visit::customer_id)
    ///     .select((visit::customer_id, visit::seen_at))
    ///     .order_by(visit::seen_at.desc());
    /// assert_eq!(
    ///     latest.to_sql(&Postgres).unwrap().sql,
    ///     r#"SELECT DISTINCT ON ("visit"."customer_id") "visit"."customer_id", "visit"."seen_at" FROM "visit" ORDER BY "visit"."customer_id" ASC, "visit"."seen_at" DESC"#
    /// );
    /// assert!(matches!(latest.to_sql(&Sqlite::default()), Err(dovetail::Error::Unsupported { .. })));
    /// ```
    pub fn distinct_on<K, IS, IG>(mut self, key: K) -> Self
    where
        K: Expression + InScope<F, IS> + Grouping<G, IG>,
    {
        let key = key.lower();
        self.parts.query.order_by.insert(0, key.clone().asc());
        self.parts.select.distinct = Some(ast::Distinct::On(vec![key]));
        self
    }

    /// `FOR UPDATE`: lock the selected rows until the transaction ends (not in a grouped or
    /// aggregated query, whose rows are groups). After an outer join only the rows of the tables
    /// on its preserved side are locked (`FOR UPDATE OF …` on PostgreSQL and MySQL; MariaDB
    /// has no `OF` and locks the existing rows of every table).
    pub fn for_update(mut self) -> Self
    where
        G: Lockable,
        D: LockableRows,
        F: LockTargets,
    {
        let mut of = Vec::new();
        if F::OUTER_JOINED {
            F::lockable(&mut of);
        }
        self.parts.query.lock = Some(ast::Lock {
            mode: ast::LockMode::Update,
            of,
            wait: ast::LockWait::Wait,
        });
        self
    }

    /// The query as plain data.
    pub fn to_query(&self) -> ast::Query {
        self.parts.to_query()
    }

    /// The query rendered for `dialect`: SQL text and parameters.
    pub fn to_sql(&self, dialect: &dyn Dialect) -> Result<Rendered>
    where
        F: Standalone,
    {
        self.parts.render(dialect)
    }

    /// The query's SQL as running it gets it: written the first time a query of this shape
    /// is rendered in the process and shared after that (see [`render_cached`]), with this
    /// query's parameters.
    ///
    /// ```
    /// use dovetail::prelude::*;
    ///
    /// dovetail::table! { track { id: Integer, name: Text } primary_key (id); }
    ///
    /// let by_id = |id: i32| track::table.select(track::name).filter(track::id.eq(id));
    /// let first = by_id(1).to_cached_sql(&Postgres)?;
    /// let second = by_id(2).to_cached_sql(&Postgres)?;
    /// assert!(std::sync::Arc::ptr_eq(&first.sql, &second.sql));
    /// assert_eq!(&*second.sql, r#"SELECT "track"."name" FROM "track" WHERE "track"."id" = $1"#);
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    ///
    /// [`render_cached`]: crate::render::render_cached
    pub fn to_cached_sql(&self, dialect: &dyn Dialect) -> Result<SharedRendered>
    where
        F: Standalone,
    {
        self.parts.render_cached(dialect)
    }
}

/// Joins may come at any point of a query: a column may be read once its table is joined, and
/// joining another table changes neither the tables nor the nullability of what was read
/// before (a left join makes only the joined table nullable).
impl<F, G, S, D> SelectQuery<F, G, S, D> {
    /// `JOIN table ON condition`; the condition may read the tables joined so far and `table`,
    /// which may also be a derived table or a CTE ([`derived`](super::derived)).
    pub fn join_on<J, T, P, IS, IG>(self, table: J, on: P) -> SelectQuery<Cons<T, F>, G, S, D>
    where
        J: Source<Table = T>,
        F: NamedApart<T>,
        P: RowCondition<Cons<T, F>, (IS, IG)>,
    {
        self.join(&table, ast::JoinOperator::Inner(on.lower()))
            .retype()
    }

    /// `LEFT JOIN table ON condition`: the columns of `table` read as nullable.
    pub fn left_join_on<J, T, P, IS, IG>(
        self,
        table: J,
        on: P,
    ) -> SelectQuery<Cons<LeftJoined<T>, F>, G, S, D>
    where
        J: Source<Table = T>,
        F: NamedApart<T>,
        P: RowCondition<Cons<T, F>, (IS, IG)>,
    {
        self.join(&table, ast::JoinOperator::Left(on.lower()))
            .retype()
    }

    /// `RIGHT JOIN table ON condition`: every table joined before reads as nullable. Before
    /// `.select(…)`, whose types it changes.
    pub fn right_join_on<J, T, P, IS, IG, F2>(
        self,
        table: J,
        on: P,
    ) -> SelectQuery<Cons<T, F2>, G, S, D>
    where
        J: Source<Table = T>,
        S: BeforeSelection,
        F: NamedApart<T> + AllNullable<Out = F2>,
        P: RowCondition<Cons<T, F>, (IS, IG)>,
    {
        self.join(&table, ast::JoinOperator::Right(on.lower()))
            .retype()
    }

    /// `FULL JOIN table ON condition` (PostgreSQL, SQLite; a typed `Unsupported` error on
    /// MySQL and MariaDB): every table reads as nullable. Before `.select(…)`.
    pub fn full_join_on<J, T, P, IS, IG, F2>(
        self,
        table: J,
        on: P,
    ) -> SelectQuery<Cons<LeftJoined<T>, F2>, G, S, D>
    where
        J: Source<Table = T>,
        S: BeforeSelection,
        F: NamedApart<T> + AllNullable<Out = F2>,
        P: RowCondition<Cons<T, F>, (IS, IG)>,
    {
        self.join(&table, ast::JoinOperator::Full(on.lower()))
            .retype()
    }

    /// `JOIN table ON <the foreign key between table and a table of the query>`.
    pub fn join_fk<J, I>(self, table: J) -> SelectQuery<Cons<J, F>, G, S, D>
    where
        J: Table,
        F: NamedApart<J>,
        F: FkLink<J, I>,
        F::Fk: ForeignKey,
    {
        let on = fk_on::<J, F, I>();
        self.join(&table, ast::JoinOperator::Inner(on)).retype()
    }

    /// `LEFT JOIN table ON <the foreign key …>`: the columns of `table` read as nullable.
    pub fn left_join_fk<J, I>(self, table: J) -> SelectQuery<Cons<LeftJoined<J>, F>, G, S, D>
    where
        J: Table,
        F: NamedApart<J>,
        F: FkLink<J, I>,
        F::Fk: ForeignKey,
    {
        let on = fk_on::<J, F, I>();
        self.join(&table, ast::JoinOperator::Left(on)).retype()
    }

    /// `JOIN table ON <foreign key fk>`, where `table` is (an alias of) the referenced table
    /// and the referencing table is in the query: chooses among several foreign keys.
    pub fn join_via<K, J, I>(self, fk: K, table: J) -> SelectQuery<Cons<J, F>, G, S, D>
    where
        K: ForeignKey,
        J: Table<Base = K::Parent>,
        F: NamedApart<J>,
        F: InFrom<K::Child, I>,
    {
        let _ = fk;
        let on = fk_condition::<K>(<K::Child as Table>::qualifier(), J::qualifier());
        self.join(&table, ast::JoinOperator::Inner(on)).retype()
    }

    /// `LEFT JOIN table ON <foreign key fk>`: as [`join_via`](Self::join_via), nullable.
    pub fn left_join_via<K, J, I>(
        self,
        fk: K,
        table: J,
    ) -> SelectQuery<Cons<LeftJoined<J>, F>, G, S, D>
    where
        K: ForeignKey,
        J: Table<Base = K::Parent>,
        F: NamedApart<J>,
        F: InFrom<K::Child, I>,
    {
        let _ = fk;
        let on = fk_condition::<K>(<K::Child as Table>::qualifier(), J::qualifier());
        self.join(&table, ast::JoinOperator::Left(on)).retype()
    }

    /// `JOIN table ON <foreign key fk>`, where `table` is (an alias of) the referencing table
    /// and the referenced table is in the query: joins children along one of several keys.
    pub fn join_children_via<K, J, I>(self, fk: K, table: J) -> SelectQuery<Cons<J, F>, G, S, D>
    where
        K: ForeignKey,
        J: Table<Base = K::Child>,
        F: NamedApart<J>,
        F: InFrom<K::Parent, I>,
    {
        let _ = fk;
        let on = fk_condition::<K>(J::qualifier(), <K::Parent as Table>::qualifier());
        self.join(&table, ast::JoinOperator::Inner(on)).retype()
    }

    /// `LEFT JOIN table ON <foreign key fk>`: as [`join_children_via`](Self::join_children_via),
    /// nullable.
    pub fn left_join_children_via<K, J, I>(
        self,
        fk: K,
        table: J,
    ) -> SelectQuery<Cons<LeftJoined<J>, F>, G, S, D>
    where
        K: ForeignKey,
        J: Table<Base = K::Child>,
        F: NamedApart<J>,
        F: InFrom<K::Parent, I>,
    {
        let _ = fk;
        let on = fk_condition::<K>(J::qualifier(), <K::Parent as Table>::qualifier());
        self.join(&table, ast::JoinOperator::Left(on)).retype()
    }

    /// Declares `table` a table of the query this one will be a subquery of: its columns may
    /// be read here, it is not added to this query's FROM clause, and the query around must
    /// read it (see [`correlate`](super::correlate)).
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { product { id: Integer, category: Text, price: Numeric } primary_key (id); }
    /// dovetail::alias!(Peer = product as "peer");
    /// // Products dearer than the average of their category.
    /// let category_average = Peer
    ///     .query()
    ///     .correlate(product::table)
    ///     .filter(Peer.col(product::category).eq(product::category))
    ///     .select(avg(Peer.col(product::price)))
    ///     .single_value();
    /// let query = product::table
    ///     .filter(product::price.gt(category_average))
    ///     .select(product::id);
    /// assert_eq!(
    ///     query.to_sql(&Sqlite::default()).unwrap().sql,
    ///     r#"SELECT "product"."id" FROM "product" WHERE "product"."price" > (SELECT AVG("peer"."price") FROM "product" AS "peer" WHERE "peer"."category" = "product"."category")"#
    /// );
    /// ```
    pub fn correlate<O: Table>(self, table: O) -> SelectQuery<Cons<Outer<O>, F>, G, S, D>
    where
        F: NamedApart<O>,
    {
        let _ = table;
        self.retype()
    }

    /// `CROSS JOIN table`.
    pub fn cross_join<J, T>(self, table: J) -> SelectQuery<Cons<T, F>, G, S, D>
    where
        J: Source<Table = T>,
        F: NamedApart<T>,
    {
        self.join(&table, ast::JoinOperator::Cross).retype()
    }
}

impl<F, G, S, D> SelectQuery<F, G, S, D> {
    /// `GROUP BY columns`: afterwards, selected columns must be grouped or aggregated. It
    /// comes before `.select(…)` and `.order_by(…)`, which are checked against it.
    pub fn group_by<L, I>(mut self, columns: L) -> SelectQuery<F, L::Grouping, S, D>
    where
        L: GroupList + Selection<F, NoGroup, I>,
        (G, S): Groupable,
    {
        self.parts.select.group_by = GroupList::lower(&columns);
        self.retype()
    }
}

/// A row count as a parameter (an `i64`: PostgreSQL has no unsigned types).
pub(super) fn count(n: u64) -> ast::Expr {
    ast::Expr::Param(Value::I64(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn fk_on<J: Table, F: FkLink<J, I>, I>() -> ast::Expr
where
    F::Fk: ForeignKey,
{
    let (joined, linked) = (J::qualifier(), F::linked_qualifier());
    match F::JOINED_IS_CHILD {
        true => fk_condition::<F::Fk>(joined, linked),
        false => fk_condition::<F::Fk>(linked, joined),
    }
}

impl<F, G, D> SelectQuery<F, G, NothingSelected, D> {
    /// What to select: an expression, a tuple of them, or `table::all_columns`.
    pub fn select<Sel: SelectsQuery<F, G, I, Out = S2, Next = G2>, I, G2, S2, D2>(
        mut self,
        selection: Sel,
    ) -> SelectQuery<F, G2, S2, D2>
    where
        D: SelectInto<Sel, Next = D2>,
    {
        selection.lower_items(&mut self.parts.select.projection);
        self.retype()
    }
}

impl<F, G: Grouped, S, D> SelectQuery<F, G, S, D> {
    /// `HAVING condition`: a boolean over aggregates and grouped columns.
    pub fn having<P: GroupCondition<F, G, (IS, IG)>, IS, IG>(mut self, condition: P) -> Self {
        let condition = condition.lower();
        self.parts.select.having = Some(match self.parts.select.having.take() {
            Some(existing) => existing.and(condition),
            None => condition,
        });
        self
    }
}

impl<F, G, S, D> SelectQuery<F, G, S, D> {
    /// Runs the query and hands each row, decoded into `R`, to `each` as the server sends it,
    /// without holding the result in memory (a PostgreSQL row stream, an unbuffered MySQL
    /// result, SQLite stepping); returns the number of rows. An error from `each` stops the
    /// query.
    ///
    /// ```
    /// use dovetail::prelude::*;
    ///
    /// dovetail::table! { reading { id: Integer [identity], celsius: Double } primary_key (id); }
    ///
    /// let mut conn = dovetail::connect("sqlite::memory:")?;
    /// conn.batch_execute("CREATE TABLE reading (id INTEGER PRIMARY KEY, celsius REAL NOT NULL);
    ///     INSERT INTO reading (celsius) VALUES (18.5), (21.0), (19.5)")?;
    /// let mut warmest = f64::MIN;
    /// let rows = reading::table.select(reading::celsius).for_each(&mut *conn, |c: f64| {
    ///     warmest = warmest.max(c);
    ///     Ok(())
    /// })?;
    /// assert_eq!((rows, warmest), (3, 21.0));
    /// # Ok::<(), dovetail::Error>(())
    /// ```
    pub fn for_each<R, C>(&self, conn: &mut C, mut each: impl FnMut(R) -> Result<()>) -> Result<u64>
    where
        R: RowOf<S>,
        C: Connection + ?Sized,
        F: Standalone,
    {
        let rendered = self.parts.render_cached(conn.dialect())?;
        conn.stream_cells(&rendered.sql, &rendered.params, &mut |cells| {
            each(R::read_row(&mut RowCursor::new(cells))?)
        })
    }

    /// Runs the query and decodes every row into `R`, which must match the selection.
    pub fn load<R: RowOf<S>, C: Connection + ?Sized>(&self, conn: &mut C) -> Result<Vec<R>>
    where
        F: Standalone,
    {
        let rendered = self.rendered(conn.dialect())?;
        load_rows(conn, &rendered.sql, &rendered.params)
    }

    /// Runs the query with `LIMIT 1` and decodes the row, if any.
    pub fn first<R: RowOf<S>, C: Connection + ?Sized>(&self, conn: &mut C) -> Result<Option<R>>
    where
        F: Standalone,
    {
        Ok(self.load_limited(conn, 1)?.into_iter().next())
    }
}

/// What the typed layers built on queries (models, relationships) add once they have checked
/// it themselves: conditions, orders, joins and selected items as plain data.
impl<F, G, S, D> SelectQuery<F, G, S, D> {
    /// Adds a checked `WHERE` condition.
    pub(crate) fn filter_lowered(mut self, condition: ast::Expr) -> Self {
        self.parts.filter(condition);
        self
    }

    /// Adds checked ORDER BY terms.
    pub(crate) fn order_lowered(mut self, terms: Vec<ast::OrderBy>) -> Self {
        self.parts.query.order_by.extend(terms);
        self
    }

    /// The selected items.
    pub(crate) fn projection(&self) -> Vec<ast::SelectItem> {
        self.parts.select.projection.clone()
    }

    /// Adds a join that the row type does not read.
    pub(crate) fn join_lowered(mut self, join: ast::Join) -> Self {
        self.parts.join(join);
        self
    }

    /// Selects one more item, after the ones the row type reads.
    pub(crate) fn select_lowered(mut self, item: ast::SelectItem) -> Self {
        self.parts.select.projection.push(item);
        self
    }

    /// Runs the query and hands each row to `each`, which may read more than the selection's
    /// types say (what [`select_lowered`](Self::select_lowered) added).
    pub(crate) fn for_each_row<C: Connection + ?Sized>(
        &self,
        conn: &mut C,
        each: &mut impl FnMut(&mut RowCursor<'_>) -> Result<()>,
    ) -> Result<()>
    where
        F: Standalone,
    {
        let rendered = self.parts.render_cached(conn.dialect())?;
        crate::connection::collect_cells(conn, &rendered.sql, &rendered.params, &mut |cells| {
            each(&mut RowCursor::new(cells))
        })?;
        Ok(())
    }

    /// Runs the query with at most `limit` rows (fewer if it has a smaller limit).
    pub(crate) fn load_limited<R: RowOf<S>, C: Connection + ?Sized>(
        &self,
        conn: &mut C,
        limit: u64,
    ) -> Result<Vec<R>> {
        let rendered = self.limited(limit, conn.dialect())?;
        load_rows(conn, &rendered.sql, &rendered.params)
    }

    /// The query rendered for `dialect`.
    pub(crate) fn rendered(&self, dialect: &dyn Dialect) -> Result<SharedRendered> {
        self.parts.render_cached(dialect)
    }

    /// The query with at most `limit` rows (fewer if it has a smaller limit), rendered.
    pub(crate) fn limited(&self, limit: u64, dialect: &dyn Dialect) -> Result<SharedRendered> {
        // Only the shell (without the SELECT) is copied to change its limit.
        let mut shell = self.parts.query.clone();
        shell.limit = Some(match shell.limit {
            Some(ast::Expr::Number(n)) if n < limit => ast::Expr::Number(n),
            _ => count(limit),
        });
        render_select_cached(&shell, &self.parts.select, dialect)
    }

    /// The query as the subquery of a count or an existence test: its rows, whatever it selects
    /// (which is left out unless DISTINCT or a LIMIT needs it).
    pub(crate) fn counted_query(&self) -> ast::Query {
        let mut query = self.parts.to_query();
        let limited = query.limit.is_some() || query.offset.is_some();
        if !limited {
            query.order_by.clear();
        }
        if let ast::QueryBody::Select(select) = &mut query.body
            && (select.projection.is_empty() || (select.distinct.is_none() && !limited))
        {
            select.projection = vec![ast::Expr::Number(1).item()];
        }
        query
    }
}

/// The starting points of a query, on every table: `album::table.filter(…)`, `.select(…)`…
pub trait QueryDsl: Table {
    /// `SELECT … FROM self`, to build on.
    fn query(self) -> SelectQuery<Cons<Self, Nil>> {
        SelectQuery::from_table()
    }

    /// See [`SelectQuery::select`].
    fn select<Sel: SelectsQuery<Cons<Self, Nil>, NoGroup, I, Out = S2, Next = G2>, I, G2, S2>(
        self,
        selection: Sel,
    ) -> SelectQuery<Cons<Self, Nil>, G2, S2, Unsorted<Sel>> {
        self.query().select(selection)
    }

    /// See [`SelectQuery::order_by`].
    fn order_by<O: OrdersQuery<Cons<Self, Nil>, NoGroup, I, Next = G2>, I, G2>(
        self,
        terms: O,
    ) -> SelectQuery<Cons<Self, Nil>, G2, NothingSelected, Sorted> {
        self.query().order_by(terms)
    }

    /// See [`SelectQuery::distinct_on`].
    fn distinct_on<K, IS, IG>(self, key: K) -> SelectQuery<Cons<Self, Nil>>
    where
        K: Expression + InScope<Cons<Self, Nil>, IS> + Grouping<NoGroup, IG>,
    {
        self.query().distinct_on(key)
    }

    /// See [`SelectQuery::distinct`].
    fn distinct(self) -> SelectQuery<Cons<Self, Nil>, NoGroup, NothingSelected, Distinct> {
        self.query().distinct()
    }

    /// See [`SelectQuery::filter`].
    fn filter<P: RowCondition<Cons<Self, Nil>, (IS, IG)>, IS, IG>(
        self,
        condition: P,
    ) -> SelectQuery<Cons<Self, Nil>> {
        self.query().filter(condition)
    }

    /// See [`SelectQuery::join_fk`].
    fn join_fk<J, I>(self, table: J) -> SelectQuery<Cons<J, Cons<Self, Nil>>>
    where
        J: Table,
        Cons<Self, Nil>: NamedApart<J>,
        Cons<Self, Nil>: FkLink<J, I>,
        <Cons<Self, Nil> as FkLink<J, I>>::Fk: ForeignKey,
    {
        self.query().join_fk(table)
    }

    /// See [`SelectQuery::left_join_fk`].
    fn left_join_fk<J, I>(self, table: J) -> SelectQuery<Cons<LeftJoined<J>, Cons<Self, Nil>>>
    where
        J: Table,
        Cons<Self, Nil>: NamedApart<J>,
        Cons<Self, Nil>: FkLink<J, I>,
        <Cons<Self, Nil> as FkLink<J, I>>::Fk: ForeignKey,
    {
        self.query().left_join_fk(table)
    }

    /// See [`SelectQuery::join_on`].
    fn join_on<J, T, P, IS, IG>(self, table: J, on: P) -> SelectQuery<Cons<T, Cons<Self, Nil>>>
    where
        J: Source<Table = T>,
        Cons<Self, Nil>: NamedApart<T>,
        P: RowCondition<Cons<T, Cons<Self, Nil>>, (IS, IG)>,
    {
        self.query().join_on(table, on)
    }

    /// See [`SelectQuery::right_join_on`].
    fn right_join_on<J, T, P, IS, IG>(
        self,
        table: J,
        on: P,
    ) -> SelectQuery<Cons<T, Cons<LeftJoined<Self>, Nil>>>
    where
        J: Source<Table = T>,
        Cons<Self, Nil>: NamedApart<T>,
        P: RowCondition<Cons<T, Cons<Self, Nil>>, (IS, IG)>,
    {
        self.query().right_join_on(table, on)
    }

    /// See [`SelectQuery::full_join_on`].
    fn full_join_on<J, T, P, IS, IG>(self, table: J, on: P) -> SelectQuery<BothNullable<Self, T>>
    where
        J: Source<Table = T>,
        Cons<Self, Nil>: NamedApart<T>,
        P: RowCondition<Cons<T, Cons<Self, Nil>>, (IS, IG)>,
    {
        self.query().full_join_on(table, on)
    }

    /// See [`SelectQuery::left_join_on`].
    fn left_join_on<J, T, P, IS, IG>(
        self,
        table: J,
        on: P,
    ) -> SelectQuery<Cons<LeftJoined<T>, Cons<Self, Nil>>>
    where
        J: Source<Table = T>,
        Cons<Self, Nil>: NamedApart<T>,
        P: RowCondition<Cons<T, Cons<Self, Nil>>, (IS, IG)>,
    {
        self.query().left_join_on(table, on)
    }

    /// See [`SelectQuery::join_via`].
    fn join_via<K, J, I>(self, fk: K, table: J) -> SelectQuery<Cons<J, Cons<Self, Nil>>>
    where
        K: ForeignKey,
        J: Table<Base = K::Parent>,
        Cons<Self, Nil>: NamedApart<J>,
        Cons<Self, Nil>: InFrom<K::Child, I>,
    {
        self.query().join_via(fk, table)
    }

    /// See [`SelectQuery::left_join_via`].
    fn left_join_via<K, J, I>(
        self,
        fk: K,
        table: J,
    ) -> SelectQuery<Cons<LeftJoined<J>, Cons<Self, Nil>>>
    where
        K: ForeignKey,
        J: Table<Base = K::Parent>,
        Cons<Self, Nil>: NamedApart<J>,
        Cons<Self, Nil>: InFrom<K::Child, I>,
    {
        self.query().left_join_via(fk, table)
    }

    /// See [`SelectQuery::join_children_via`].
    fn join_children_via<K, J, I>(self, fk: K, table: J) -> SelectQuery<Cons<J, Cons<Self, Nil>>>
    where
        K: ForeignKey,
        J: Table<Base = K::Child>,
        Cons<Self, Nil>: NamedApart<J>,
        Cons<Self, Nil>: InFrom<K::Parent, I>,
    {
        self.query().join_children_via(fk, table)
    }

    /// See [`SelectQuery::left_join_children_via`].
    fn left_join_children_via<K, J, I>(
        self,
        fk: K,
        table: J,
    ) -> SelectQuery<Cons<LeftJoined<J>, Cons<Self, Nil>>>
    where
        K: ForeignKey,
        J: Table<Base = K::Child>,
        Cons<Self, Nil>: NamedApart<J>,
        Cons<Self, Nil>: InFrom<K::Parent, I>,
    {
        self.query().left_join_children_via(fk, table)
    }

    /// See [`SelectQuery::cross_join`].
    fn cross_join<J, T>(self, table: J) -> SelectQuery<Cons<T, Cons<Self, Nil>>>
    where
        J: Source<Table = T>,
        Cons<Self, Nil>: NamedApart<T>,
    {
        self.query().cross_join(table)
    }

    /// See [`SelectQuery::correlate`].
    fn correlate<O: Table>(self, table: O) -> SelectQuery<Cons<Outer<O>, Cons<Self, Nil>>>
    where
        Cons<Self, Nil>: NamedApart<O>,
    {
        self.query().correlate(table)
    }

    /// See [`SelectQuery::group_by`].
    fn group_by<L, I>(self, columns: L) -> SelectQuery<Cons<Self, Nil>, L::Grouping>
    where
        L: GroupList + Selection<Cons<Self, Nil>, NoGroup, I>,
    {
        self.query().group_by(columns)
    }
}

impl<T: Table> QueryDsl for T {}
