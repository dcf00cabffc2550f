//! The methods every typed expression has: comparisons, predicates, text operators, ordering.
//!
//! ```
//! use dovetail::prelude::*;
//! # dovetail::table! { track { id: Integer, name: Text, composer: Nullable<Text>, milliseconds: Integer } }
//! let query = track::table
//!     .filter(track::name.like("%Love%").and(track::composer.is_not_null()))
//!     .filter(track::milliseconds.between(180_000, 300_000))
//!     .select(track::name);
//! assert_eq!(
//!     query.to_sql(&Sqlite::default()).unwrap().sql,
//!     "SELECT \"track\".\"name\" FROM \"track\" WHERE (\"track\".\"name\" LIKE ? ESCAPE '\\') \
//!      AND (\"track\".\"composer\" IS NOT NULL) AND (\"track\".\"milliseconds\" BETWEEN ? AND ?)"
//! );
//! ```

use super::correlate::Correlation;
use super::expression::{AsExpr, Expression};
use super::operand::{Named, Operand};
use super::operators::*;
use super::order::{Direction, Ordered};
use super::query::SelectQuery;
use super::rust_types::BindValue;
use super::sql_types::{Boolean, CastTarget, Compatible, NotNull, SqlType, Textual};
use super::subquery::InQuery;

/// The base SQL type of `E` (without `NULL`): what its comparisons take.
type BaseOf<E> = <<E as Expression>::SqlType as SqlType>::Base;

/// What a message about a value compared with `E` names it by (see [`Named`]).
type NameOf<E> = <E as Named>::Name;

/// Comparisons and predicates, available on every typed expression.
///
/// Comparisons take a Rust value of the column's type or an expression of a compatible SQL
/// type; they never take `Option`, because `= NULL` is never true: use [`is_null`](Self::is_null).
#[allow(
    clippy::wrong_self_convention,
    reason = "`is_null` and friends are spelled as the SQL they build, and build it from `self`"
)]
pub trait ExpressionMethods: Expression + Named + Sized {
    /// `self = other`.
    fn eq<R: Operand<NameOf<Self>, BaseOf<Self>>>(self, other: R) -> Binary<Eq, Self, R::Expr> {
        Binary::new(self, other.into_operand())
    }

    /// `self <> other`.
    fn ne<R: Operand<NameOf<Self>, BaseOf<Self>>>(self, other: R) -> Binary<Ne, Self, R::Expr> {
        Binary::new(self, other.into_operand())
    }

    /// `self < other`.
    fn lt<R: Operand<NameOf<Self>, BaseOf<Self>>>(self, other: R) -> Binary<Lt, Self, R::Expr> {
        Binary::new(self, other.into_operand())
    }

    /// `self <= other`.
    fn le<R: Operand<NameOf<Self>, BaseOf<Self>>>(self, other: R) -> Binary<Le, Self, R::Expr> {
        Binary::new(self, other.into_operand())
    }

    /// `self > other`.
    fn gt<R: Operand<NameOf<Self>, BaseOf<Self>>>(self, other: R) -> Binary<Gt, Self, R::Expr> {
        Binary::new(self, other.into_operand())
    }

    /// `self >= other`.
    fn ge<R: Operand<NameOf<Self>, BaseOf<Self>>>(self, other: R) -> Binary<Ge, Self, R::Expr> {
        Binary::new(self, other.into_operand())
    }

    /// `self IS NOT DISTINCT FROM other`: equality in which `NULL` equals `NULL`.
    fn is_not_distinct_from<R>(self, other: R) -> Binary<NotDistinct, Self, R::Expr>
    where
        R: AsExpr<Self::SqlType>,
    {
        Binary::new(self, other.into_expr())
    }

    /// `self BETWEEN low AND high`.
    fn between<Lo, Hi>(self, low: Lo, high: Hi) -> Between<Self, Lo::Expr, Hi::Expr>
    where
        Lo: Operand<NameOf<Self>, BaseOf<Self>>,
        Hi: Operand<NameOf<Self>, BaseOf<Self>>,
    {
        Between::new(self, low.into_operand(), high.into_operand(), false)
    }

    /// `self IN (values…)`; an empty list matches nothing.
    fn in_list<V, L>(self, values: L) -> InList<Self>
    where
        L: IntoIterator<Item = V>,
        V: BindValue<BaseOf<Self>>,
    {
        let list = values
            .into_iter()
            .map(|v| v.into_expr().into_lowered())
            .collect();
        InList::new(self, list, false)
    }

    /// `self NOT IN (values…)`; an empty list matches everything.
    fn not_in_list<V, L>(self, values: L) -> InList<Self>
    where
        L: IntoIterator<Item = V>,
        V: BindValue<BaseOf<Self>>,
    {
        let list = values
            .into_iter()
            .map(|v| v.into_expr().into_lowered())
            .collect();
        InList::new(self, list, true)
    }

    /// `self IN (SELECT …)`: the subquery selects one column of a compatible SQL type.
    fn in_query<F, G, S, D>(self, query: SelectQuery<F, G, S, D>) -> InQuery<Self, F::Outer>
    where
        S: Compatible<BaseOf<Self>>,
        F: Correlation,
    {
        InQuery::new(self, &query, false)
    }

    /// `self NOT IN (SELECT …)`.
    fn not_in_query<F, G, S, D>(self, query: SelectQuery<F, G, S, D>) -> InQuery<Self, F::Outer>
    where
        S: Compatible<BaseOf<Self>>,
        F: Correlation,
    {
        InQuery::new(self, &query, true)
    }

    /// `self IS NULL`.
    fn is_null(self) -> Unary<IsNull, Self> {
        Unary::new(self)
    }

    /// `self IS NOT NULL`.
    fn is_not_null(self) -> Unary<IsNotNull, Self> {
        Unary::new(self)
    }

    /// `COALESCE(self, other)`: `other` where `self` is `NULL`.
    fn coalesce<R: AsExpr<BaseOf<Self>>>(self, other: R) -> Binary<Coalesce, Self, R::Expr> {
        Binary::new(self, other.into_expr())
    }

    /// `CAST(self AS T)`: a value of `T` on every dialect. On SQLite, whose dates and times
    /// are text, casts to them are `date(self)`, `time(self, 'subsec')` and
    /// `datetime(self, 'subsec')` (fractions of a second to the millisecond).
    fn cast<T: SqlType<IsNull = NotNull> + CastTarget>(self) -> Unary<CastTo<T>, Self> {
        Unary::new(self)
    }

    /// `self AND other`.
    fn and<R: AsExpr<super::sql_types::Bool>>(self, other: R) -> Binary<And, Self, R::Expr>
    where
        Self::SqlType: Boolean,
    {
        Binary::new(self, other.into_expr())
    }

    /// `self OR other`.
    fn or<R: AsExpr<super::sql_types::Bool>>(self, other: R) -> Binary<Or, Self, R::Expr>
    where
        Self::SqlType: Boolean,
    {
        Binary::new(self, other.into_expr())
    }

    /// `self LIKE pattern`.
    fn like<P: AsExpr<super::sql_types::Text>>(self, pattern: P) -> Binary<Like, Self, P::Expr>
    where
        Self::SqlType: Textual,
    {
        Binary::new(self, pattern.into_expr())
    }

    /// `self LIKE pattern ESCAPE 'escape'`: `escape` instead of `\\` makes the next `%`, `_`
    /// or `escape` in the pattern match itself.
    ///
    /// ```
    /// use dovetail::prelude::*;
    /// dovetail::table! { tag { id: Integer, name: Text } primary_key (id); }
    /// let query = tag::table.filter(tag::name.like_escaped("100!%%", '!')).select(tag::id);
    /// assert_eq!(
    ///     query.to_sql(&Postgres).unwrap().sql,
    ///     r#"SELECT "tag"."id" FROM "tag" WHERE "tag"."name" LIKE $1 ESCAPE '!'"#
    /// );
    /// ```
    fn like_escaped<P>(self, pattern: P, escape: char) -> LikeEscaped<Self, P::Expr>
    where
        P: AsExpr<super::sql_types::Text>,
        Self::SqlType: Textual,
    {
        LikeEscaped::new(self, pattern.into_expr(), escape)
    }

    /// `self NOT LIKE pattern`.
    fn not_like<P>(self, pattern: P) -> Binary<NotLike, Self, P::Expr>
    where
        P: AsExpr<super::sql_types::Text>,
        Self::SqlType: Textual,
    {
        Binary::new(self, pattern.into_expr())
    }

    /// Case-insensitive `LIKE`: `ILIKE` on PostgreSQL, `lower(…) LIKE lower(…)` elsewhere.
    fn ilike<P: AsExpr<super::sql_types::Text>>(self, pattern: P) -> Binary<ILike, Self, P::Expr>
    where
        Self::SqlType: Textual,
    {
        Binary::new(self, pattern.into_expr())
    }

    /// String concatenation: `self || other` (`CONCAT(…)` on MySQL).
    fn concat<R: AsExpr<super::sql_types::Text>>(self, other: R) -> Binary<Concat, Self, R::Expr>
    where
        Self::SqlType: Textual,
    {
        Binary::new(self, other.into_expr())
    }

    /// `self ASC` in ORDER BY.
    fn asc(self) -> Ordered<Self> {
        Ordered::new(self, Direction::Asc)
    }

    /// `self DESC` in ORDER BY.
    fn desc(self) -> Ordered<Self> {
        Ordered::new(self, Direction::Desc)
    }
}

impl<E: Expression + Named> ExpressionMethods for E {}

/// `text` as a `LIKE` pattern that matches exactly `text`: `%`, `_` and the escape character
/// `\` escaped, for the typed `like`, `not_like` and `ilike`, which escape with `\` on every
/// dialect. Put wildcards around it to search for user input:
///
/// ```
/// use dovetail::dsl::methods::escape_like;
/// assert_eq!(escape_like("50%_off\\now"), "50\\%\\_off\\\\now");
/// let contains = format!("%{}%", escape_like("100%"));
/// assert_eq!(contains, "%100\\%%");
/// ```
///
/// Whether `LIKE` tells capitals from small letters is the backend's: PostgreSQL does, MySQL
/// and MariaDB do not under their default collations, SQLite does not for ASCII letters. Use
/// `ilike` for a match that ignores case everywhere.
pub fn escape_like(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern
}

/// `NOT condition`.
pub fn not<E: Expression>(condition: E) -> Unary<Not, E>
where
    E::SqlType: Boolean,
{
    Unary::new(condition)
}
