//! Portable SQL functions: one Rust method, the right SQL on each dialect, typed as the
//! servers type the result (nullable when an argument is).
//!
//! | method | PostgreSQL | MySQL / MariaDB | SQLite |
//! |---|---|---|---|
//! | `lower()`, `upper()` | `lower(x)` | `lower(x)` | `lower(x)` (ASCII letters only) |
//! | `length()` (characters) | `char_length(x)` | `char_length(x)` | `length(x)` |
//! | `trim()`, `ltrim()`, `rtrim()` | same | same | same |
//! | `substring(start, len)` | `substr(x, s, n)` | `substr(x, s, n)` | `substr(x, s, n)` |
//! | `replace(from, to)` | `replace(x, f, t)` | same | same |
//! | `position(needle)` (from 1, 0 if absent) | `strpos(x, n)` | `instr(x, n)` | `instr(x, n)` |
//! | `abs()` | `abs(x)` | `abs(x)` | `abs(x)` |
//! | `ceil()`, `floor()` | `ceil(x)` | `ceil(x)` | `CAST(x AS INTEGER) + (x > CAST(x AS INTEGER))` |
//! | `round(digits)` (NUMERIC) | `round(x, d)` | `round(x, d)` | `round(x, d)` |
//! | `modulo(d)` (integers) | `x % d` | `x % d` | `x % d` |
//! | `greatest(y)`, `least(y)` (not null) | `GREATEST(x, y)` | `GREATEST(x, y)` | `max(x, y)` |
//! | `nullif(y)` | `NULLIF(x, y)` | same | same |
//! | `year()` … `second()` | `CAST(TRUNC(EXTRACT(YEAR FROM x)) AS INTEGER)` | `EXTRACT(YEAR FROM x)` | `CAST(strftime('%Y', x) AS INTEGER)` |
//! | `days_since(d)` | `(x - d)` | `DATEDIFF(x, d)` | `CAST(julianday(x) - julianday(d) AS INTEGER)` |
//! | `plus_days(n)`, `plus_months(n)`, `plus_seconds(n)` | `x + make_interval(days => n)` | `DATE_ADD(x, INTERVAL n DAY)` | `datetime(x, n \|\| ' days', 'subsec')` |
//! | [`now()`] | `LOCALTIMESTAMP` | `NOW()` | `datetime('now', 'subsec')` (UTC) |
//! | [`current_date()`] | `CURRENT_DATE` | `CURRENT_DATE` | `date('now')` (UTC) |
//!
//! A date plus days or months stays a date (cast back where the server would make it a
//! timestamp). A month added to the 31st ends on the month's last day on PostgreSQL and MySQL
//! and rolls over into the next month on SQLite.
//!
//! ```
//! use dovetail::prelude::*;
//! dovetail::table! { film { id: Integer, title: Text, released: Date } primary_key (id); }
//! let query = film::table
//!     .filter(film::title.lower().like("the %"))
//!     .select((film::title.length(), film::released.year()));
//! assert_eq!(
//!     query.to_sql(&Postgres).unwrap().sql,
//!     r#"SELECT char_length("film"."title"), CAST(TRUNC(EXTRACT(YEAR FROM "film"."released")) AS INTEGER) FROM "film" WHERE lower("film"."title") LIKE $1 ESCAPE '\'"#
//! );
//! assert_eq!(
//!     query.to_sql(&MySql::default()).unwrap().sql,
//!     "SELECT char_length(`film`.`title`), EXTRACT(YEAR FROM `film`.`released`) FROM `film` WHERE lower(`film`.`title`) LIKE ? ESCAPE '\\\\'"
//! );
//! assert_eq!(
//!     query.to_sql(&Sqlite::default()).unwrap().sql,
//!     r#"SELECT length("film"."title"), CAST(strftime('%Y', "film"."released") AS INTEGER) FROM "film" WHERE lower("film"."title") LIKE ? ESCAPE '\'"#
//! );
//! ```

use std::marker::PhantomData;

use super::expression::{AsExpr, Expression, InScope};
use super::grouping::{Constant, Grouping, Mix};
use super::operators::{
    Binary, BinaryOperator, EitherNull, LikeNull, Unary, UnaryOperator, binary_operators,
    unary_operators,
};
use super::sql_types::{
    Arithmetic, Date, Integer, NotNull, Nullable, Numeric, SqlType, Text, Textual, Time, Timestamp,
};
use crate::ast::{self, Builtin, DatePart, IntervalUnit};

/// `name(args…)`, a function every dialect spells alike.
pub(super) fn call(name: &str, args: Vec<ast::Expr>) -> ast::Expr {
    ast::Expr::Function(ast::Function {
        name: name.to_owned(),
        args,
    })
}

/// A [`Builtin`] function, spelled by each dialect.
fn builtin(function: Builtin, args: Vec<ast::Expr>) -> ast::Expr {
    ast::Expr::Builtin { function, args }
}

unary_operators! {
    /// `lower(x)`.
    Lower => |e| call("lower", vec![e]), LikeNull<E, Text>;
    /// `upper(x)`.
    Upper => |e| call("upper", vec![e]), LikeNull<E, Text>;
    /// The length in characters.
    CharLength => |e| builtin(Builtin::CharLength, vec![e]), LikeNull<E, Integer>;
    /// `trim(x)`.
    Trim => |e| call("trim", vec![e]), LikeNull<E, Text>;
    /// `ltrim(x)`.
    LTrim => |e| call("ltrim", vec![e]), LikeNull<E, Text>;
    /// `rtrim(x)`.
    RTrim => |e| call("rtrim", vec![e]), LikeNull<E, Text>;
    /// `abs(x)`.
    Abs => |e| call("abs", vec![e]), E;
    /// `ceil(x)`: the least integral value not below `x`.
    Ceil => |e| builtin(Builtin::Ceil, vec![e]), E;
    /// `floor(x)`: the greatest integral value not above `x`.
    Floor => |e| builtin(Builtin::Floor, vec![e]), E;
}

/// One field of a date, time or timestamp, as an integer.
#[derive(Debug, Clone, Copy)]
pub struct Extract<P>(PhantomData<P>);

/// A field [`Extract`] reads.
pub trait Field {
    /// The field.
    const PART: DatePart;
}

macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $name {}

        impl Field for $name {
            const PART: DatePart = DatePart::$name;
        }
    )*};
}

fields! {
    /// The year.
    Year;
    /// The month, 1 to 12.
    Month;
    /// The day of the month.
    Day;
    /// The hour, 0 to 23.
    Hour;
    /// The minute.
    Minute;
    /// The second, fractions dropped.
    Second;
}

impl<P: Field> UnaryOperator for Extract<P> {
    type Result<E: SqlType> = LikeNull<E, Integer>;

    fn lower(expr: ast::Expr) -> ast::Expr {
        builtin(Builtin::Extract(P::PART), vec![expr])
    }
}

binary_operators! {
    /// Where the right side first occurs in the left, from 1; 0 when it does not.
    Position => |l, r| builtin(Builtin::Position, vec![l, r]), EitherNull<L, R, Integer>;
    /// `round(x, digits)`.
    Round => |l, r| call("round", vec![l, r]), EitherNull<L, R, L::Base>;
    /// `x % d`.
    Modulo => |l, r| l.binary(ast::BinaryOp::Mod, r), EitherNull<L, R, L::Base>;
    /// The greater of two values.
    Greatest => |l, r| builtin(Builtin::Greatest, vec![l, r]), L;
    /// The lesser of two values.
    Least => |l, r| builtin(Builtin::Least, vec![l, r]), L;
    /// `NULLIF(x, y)`: `NULL` where `x` equals `y`, else `x`.
    NullIf => |l, r| call("NULLIF", vec![l, r]), Nullable<L::Base>;
    /// The number of days from the right date to the left one.
    DaysBetween => |l, r| builtin(Builtin::DaysBetween, vec![l, r]), EitherNull<L, R, Integer>;
}

/// A date or timestamp plus `n` units of `U`.
#[derive(Debug, Clone, Copy)]
pub struct AddInterval<U, K>(PhantomData<(U, K)>);

/// The unit of an [`AddInterval`].
pub trait Unit {
    /// The unit.
    const UNIT: IntervalUnit;
}

macro_rules! units {
    ($($(#[$doc:meta])* $name:ident => $unit:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $name {}

        impl Unit for $name {
            const UNIT: IntervalUnit = IntervalUnit::$unit;
        }
    )*};
}

units! {
    /// Days.
    Days => Day;
    /// Months.
    Months => Month;
    /// Seconds.
    Seconds => Second;
}

/// A SQL type that has a calendar date: `Date`, `Timestamp` (and nullable ones).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no date: year, month and day are fields of dates and timestamps",
    label = "not a date or timestamp"
)]
pub trait HasDate: SqlType {}

/// A SQL type that has a time of day: `Time`, `Timestamp` (and nullable ones).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no time of day: hour, minute and second are fields of times and timestamps",
    label = "not a time or timestamp"
)]
pub trait HasTime: SqlType {}

impl HasDate for Date {}
impl HasDate for Timestamp {}
impl HasTime for Time {}
impl HasTime for Timestamp {}

#[diagnostic::do_not_recommend]
impl<T: HasDate<IsNull = NotNull>> HasDate for Nullable<T> {}
#[diagnostic::do_not_recommend]
impl<T: HasTime<IsNull = NotNull>> HasTime for Nullable<T> {}

impl<U: Unit> BinaryOperator for AddInterval<U, Date> {
    type Result<L: SqlType, R: SqlType> = EitherNull<L, R, Date>;

    fn lower(left: ast::Expr, right: ast::Expr) -> ast::Expr {
        ast::Expr::Cast {
            expr: Box::new(builtin(Builtin::AddInterval(U::UNIT), vec![left, right])),
            ty: ast::SqlType::Date,
        }
    }
}

impl<U: Unit> BinaryOperator for AddInterval<U, Timestamp> {
    type Result<L: SqlType, R: SqlType> = EitherNull<L, R, Timestamp>;

    fn lower(left: ast::Expr, right: ast::Expr) -> ast::Expr {
        builtin(Builtin::AddInterval(U::UNIT), vec![left, right])
    }
}

/// Integer SQL types, which `modulo` takes (SQLite's `%` would truncate anything else).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an integer SQL type",
    label = "modulo takes integers",
    note = "SQLite's `%` truncates other numbers to integers first: cast them to the integer type you mean"
)]
pub trait Integral: SqlType {}

macro_rules! integral {
    ($($name:ident)*) => {$(
        impl Integral for super::sql_types::$name {}
    )*};
}

integral!(TinyInt SmallInt Integer BigInt UnsignedTinyInt UnsignedSmallInt UnsignedInt UnsignedBigInt);

#[diagnostic::do_not_recommend]
impl<T: Integral<IsNull = NotNull>> Integral for Nullable<T> {}

/// `NUMERIC`, which `round(x, digits)` takes on every dialect.
#[diagnostic::on_unimplemented(
    message = "`round(digits)` takes a NUMERIC, not `{Self}`",
    label = "PostgreSQL rounds only NUMERIC to digits",
    note = "cast it first: `.cast::<Numeric>().round(2)`"
)]
pub trait ExactNumber: SqlType {}

impl ExactNumber for Numeric {}

#[diagnostic::do_not_recommend]
impl ExactNumber for Nullable<Numeric> {}

/// A SQL type without `NULL`: what `greatest` and `least` take.
#[diagnostic::on_unimplemented(
    message = "`greatest` and `least` take values that are never NULL, not `{Self}`",
    label = "this may be NULL",
    note = "PostgreSQL skips NULL and MySQL and SQLite return it: `coalesce(…)` it first so every backend agrees"
)]
pub trait NeverNull: SqlType {}

#[diagnostic::do_not_recommend]
impl<T: SqlType<IsNull = NotNull>> NeverNull for T {}

/// `(x, from, to)`-style calls with three arguments.
pub trait TernaryOperator {
    /// The result type for arguments of types `A`, `B` and `C`.
    type Result<A: SqlType, B: SqlType, C: SqlType>: SqlType;

    /// The call as plain data.
    fn lower(a: ast::Expr, b: ast::Expr, c: ast::Expr) -> ast::Expr;
}

/// A function of three arguments.
#[derive(Debug, Clone, Copy)]
pub struct Ternary<Op, A, B, C> {
    args: (A, B, C),
    op: PhantomData<Op>,
}

impl<Op, A, B, C> Ternary<Op, A, B, C> {
    fn new(a: A, b: B, c: C) -> Self {
        Ternary {
            args: (a, b, c),
            op: PhantomData,
        }
    }
}

impl<Op: TernaryOperator, A: Expression, B: Expression, C: Expression> Expression
    for Ternary<Op, A, B, C>
{
    type SqlType = Op::Result<A::SqlType, B::SqlType, C::SqlType>;

    fn lower(&self) -> ast::Expr {
        let (a, b, c) = &self.args;
        Op::lower(a.lower(), b.lower(), c.lower())
    }
}

impl<Op, A, B, C, F, IA, IB, IC> InScope<F, (IA, IB, IC)> for Ternary<Op, A, B, C>
where
    Op: TernaryOperator,
    A: InScope<F, IA>,
    B: InScope<F, IB>,
    C: InScope<F, IC>,
{
    type Out = Op::Result<A::Out, B::Out, C::Out>;
}

impl<Op, A, B, C, G, IA, IB, IC> Grouping<G, (IA, IB, IC)> for Ternary<Op, A, B, C>
where
    A: Grouping<G, IA>,
    B: Grouping<G, IB>,
    C: Grouping<G, IC>,
    B::Kind: Mix<C::Kind>,
    A::Kind: Mix<<B::Kind as Mix<C::Kind>>::Out>,
{
    type Kind = <A::Kind as Mix<<B::Kind as Mix<C::Kind>>::Out>>::Out;
}

crate::expression_roles!(Ternary<Op, A, B, C>, Op, A, B, C);

/// `substr(x, start, length)`.
#[derive(Debug, Clone, Copy)]
pub enum Substring {}

impl TernaryOperator for Substring {
    type Result<A: SqlType, B: SqlType, C: SqlType> = LikeNull<A, Text>;

    fn lower(a: ast::Expr, b: ast::Expr, c: ast::Expr) -> ast::Expr {
        call("substr", vec![a, b, c])
    }
}

/// `replace(x, from, to)`.
#[derive(Debug, Clone, Copy)]
pub enum Replace {}

impl TernaryOperator for Replace {
    type Result<A: SqlType, B: SqlType, C: SqlType> = EitherNull<A, B, EitherNull<A, C, Text>>;

    fn lower(a: ast::Expr, b: ast::Expr, c: ast::Expr) -> ast::Expr {
        call("replace", vec![a, b, c])
    }
}

/// A function of no argument.
#[derive(Debug, Clone, Copy)]
pub struct Niladic<T> {
    function: Builtin,
    sql_type: PhantomData<T>,
}

impl<T: SqlType> Expression for Niladic<T> {
    type SqlType = T;

    fn lower(&self) -> ast::Expr {
        builtin(self.function, Vec::new())
    }
}

impl<T: SqlType, F> InScope<F, ()> for Niladic<T> {
    type Out = T;
}

impl<T, G> Grouping<G, ()> for Niladic<T> {
    type Kind = Constant;
}

crate::expression_roles!(Niladic<T>, T);

/// The current date and time, without time zone: `LOCALTIMESTAMP` on PostgreSQL (the
/// session's time zone), `NOW()` on MySQL (the session's), `datetime('now', 'subsec')` on
/// SQLite (UTC).
pub fn now() -> Niladic<Timestamp> {
    Niladic {
        function: Builtin::Now,
        sql_type: PhantomData,
    }
}

/// The current date: `CURRENT_DATE` (`date('now')`, in UTC, on SQLite).
pub fn current_date() -> Niladic<Date> {
    Niladic {
        function: Builtin::CurrentDate,
        sql_type: PhantomData,
    }
}

type BaseOf<E> = <<E as Expression>::SqlType as SqlType>::Base;

/// The functions of [`functions`](self), as methods of every expression whose SQL type takes
/// them.
pub trait FunctionMethods: Expression + Sized {
    /// `lower(self)`.
    fn lower(self) -> Unary<Lower, Self>
    where
        Self::SqlType: Textual,
    {
        Unary::new(self)
    }

    /// `upper(self)`.
    fn upper(self) -> Unary<Upper, Self>
    where
        Self::SqlType: Textual,
    {
        Unary::new(self)
    }

    /// The length of the text in characters (not bytes) on every dialect.
    fn length(self) -> Unary<CharLength, Self>
    where
        Self::SqlType: Textual,
    {
        Unary::new(self)
    }

    /// `trim(self)`: without leading and trailing spaces.
    fn trim(self) -> Unary<Trim, Self>
    where
        Self::SqlType: Textual,
    {
        Unary::new(self)
    }

    /// `ltrim(self)`: without leading spaces.
    fn ltrim(self) -> Unary<LTrim, Self>
    where
        Self::SqlType: Textual,
    {
        Unary::new(self)
    }

    /// `rtrim(self)`: without trailing spaces.
    fn rtrim(self) -> Unary<RTrim, Self>
    where
        Self::SqlType: Textual,
    {
        Unary::new(self)
    }

    /// `substr(self, start, length)`: `length` characters from `start` (the first is 1).
    fn substring<S, L>(self, start: S, length: L) -> Ternary<Substring, Self, S::Expr, L::Expr>
    where
        Self::SqlType: Textual,
        S: AsExpr<Integer>,
        L: AsExpr<Integer>,
    {
        Ternary::new(self, start.into_expr(), length.into_expr())
    }

    /// `replace(self, from, to)`: every `from` replaced by `to`.
    fn replace<A, B>(self, from: A, to: B) -> Ternary<Replace, Self, A::Expr, B::Expr>
    where
        Self::SqlType: Textual,
        A: AsExpr<Text>,
        B: AsExpr<Text>,
    {
        Ternary::new(self, from.into_expr(), to.into_expr())
    }

    /// Where `needle` first occurs, counting characters from 1; 0 when it does not.
    fn position<N: AsExpr<Text>>(self, needle: N) -> Binary<Position, Self, N::Expr>
    where
        Self::SqlType: Textual,
    {
        Binary::new(self, needle.into_expr())
    }

    /// `abs(self)`.
    fn abs(self) -> Unary<Abs, Self>
    where
        Self::SqlType: Arithmetic,
    {
        Unary::new(self)
    }

    /// `ceil(self)`.
    fn ceil(self) -> Unary<Ceil, Self>
    where
        Self::SqlType: Arithmetic,
    {
        Unary::new(self)
    }

    /// `floor(self)`.
    fn floor(self) -> Unary<Floor, Self>
    where
        Self::SqlType: Arithmetic,
    {
        Unary::new(self)
    }

    /// `round(self, digits)`, of a NUMERIC.
    fn round<D: AsExpr<Integer>>(self, digits: D) -> Binary<Round, Self, D::Expr>
    where
        Self::SqlType: ExactNumber,
    {
        Binary::new(self, digits.into_expr())
    }

    /// `self % divisor`, of integers: the remainder, with the sign of `self`.
    fn modulo<D: AsExpr<BaseOf<Self>>>(self, divisor: D) -> Binary<Modulo, Self, D::Expr>
    where
        Self::SqlType: Integral,
    {
        Binary::new(self, divisor.into_expr())
    }

    /// The greater of `self` and `other`, neither of which may be `NULL`.
    fn greatest<O: AsExpr<BaseOf<Self>>>(self, other: O) -> Binary<Greatest, Self, O::Expr>
    where
        Self::SqlType: NeverNull,
        <O::Expr as Expression>::SqlType: NeverNull,
    {
        Binary::new(self, other.into_expr())
    }

    /// The lesser of `self` and `other`, neither of which may be `NULL`.
    fn least<O: AsExpr<BaseOf<Self>>>(self, other: O) -> Binary<Least, Self, O::Expr>
    where
        Self::SqlType: NeverNull,
        <O::Expr as Expression>::SqlType: NeverNull,
    {
        Binary::new(self, other.into_expr())
    }

    /// `NULLIF(self, other)`: `NULL` where `self` equals `other`, else `self`.
    fn nullif<O: AsExpr<BaseOf<Self>>>(self, other: O) -> Binary<NullIf, Self, O::Expr> {
        Binary::new(self, other.into_expr())
    }

    /// The year of a date or timestamp.
    fn year(self) -> Unary<Extract<Year>, Self>
    where
        Self::SqlType: HasDate,
    {
        Unary::new(self)
    }

    /// The month (1 to 12) of a date or timestamp.
    fn month(self) -> Unary<Extract<Month>, Self>
    where
        Self::SqlType: HasDate,
    {
        Unary::new(self)
    }

    /// The day of the month of a date or timestamp.
    fn day(self) -> Unary<Extract<Day>, Self>
    where
        Self::SqlType: HasDate,
    {
        Unary::new(self)
    }

    /// The hour (0 to 23) of a time or timestamp.
    fn hour(self) -> Unary<Extract<Hour>, Self>
    where
        Self::SqlType: HasTime,
    {
        Unary::new(self)
    }

    /// The minute of a time or timestamp.
    fn minute(self) -> Unary<Extract<Minute>, Self>
    where
        Self::SqlType: HasTime,
    {
        Unary::new(self)
    }

    /// The second of a time or timestamp, fractions dropped.
    fn second(self) -> Unary<Extract<Second>, Self>
    where
        Self::SqlType: HasTime,
    {
        Unary::new(self)
    }

    /// The number of days from `earlier` to this date (negative when `earlier` is later).
    fn days_since<D: AsExpr<Date>>(self, earlier: D) -> Binary<DaysBetween, Self, D::Expr>
    where
        Self::SqlType: HasDate<Base = Date>,
    {
        Binary::new(self, earlier.into_expr())
    }

    /// This date or timestamp `n` days later (earlier when `n` is negative).
    fn plus_days<N: AsExpr<Integer>, K>(self, n: N) -> Binary<AddInterval<Days, K>, Self, N::Expr>
    where
        Self::SqlType: HasDate<Base = K>,
    {
        Binary::new(self, n.into_expr())
    }

    /// This date or timestamp `n` months later (earlier when `n` is negative).
    fn plus_months<N: AsExpr<Integer>, K>(
        self,
        n: N,
    ) -> Binary<AddInterval<Months, K>, Self, N::Expr>
    where
        Self::SqlType: HasDate<Base = K>,
    {
        Binary::new(self, n.into_expr())
    }

    /// This timestamp `n` seconds later (earlier when `n` is negative).
    fn plus_seconds<N: AsExpr<Integer>>(
        self,
        n: N,
    ) -> Binary<AddInterval<Seconds, Timestamp>, Self, N::Expr>
    where
        Self::SqlType: HasTime<Base = Timestamp>,
    {
        Binary::new(self, n.into_expr())
    }
}

impl<E: Expression> FunctionMethods for E {}
