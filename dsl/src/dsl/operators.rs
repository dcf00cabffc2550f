//! Operator nodes of the typed tree: each knows its SQL type as a function of its operands'
//! types, and lowers to one [`ast::Expr`].

use std::marker::PhantomData;

use super::expression::{Expression, InScope};
use super::grouping::{Grouping, Mix};
use super::sql_types::{Bool, NotNull, NullFlag, SqlType, Text};
use crate::ast::{self, BinaryOp, UnaryOp};

/// `T`, nullable when `L` or `R` is.
pub type EitherNull<L, R, T> =
    <<<L as SqlType>::IsNull as NullFlag>::Or<<R as SqlType>::IsNull> as NullFlag>::Apply<T>;

/// `T`, nullable when `E` is.
pub type LikeNull<E, T> = <<E as SqlType>::IsNull as NullFlag>::Apply<T>;

/// A binary operator: the SQL type it yields and the tree it lowers to.
pub trait BinaryOperator {
    /// The result type for operands of types `L` and `R`.
    type Result<L: SqlType, R: SqlType>: SqlType;

    /// `left op right` as plain data.
    fn lower(left: ast::Expr, right: ast::Expr) -> ast::Expr;

    /// `left op right` for operands of SQL types `L` and `R`, where the operator's SQL
    /// depends on them (integer division).
    fn lower_typed<L: SqlType, R: SqlType>(left: ast::Expr, right: ast::Expr) -> ast::Expr {
        Self::lower(left, right)
    }
}

/// `left op right`.
#[derive(Debug, Clone, Copy)]
pub struct Binary<Op, L, R> {
    left: L,
    right: R,
    op: PhantomData<Op>,
}

impl<Op, L, R> Binary<Op, L, R> {
    /// `left op right`.
    pub fn new(left: L, right: R) -> Self {
        Binary {
            left,
            right,
            op: PhantomData,
        }
    }
}

impl<Op: BinaryOperator, L: Expression, R: Expression> Expression for Binary<Op, L, R> {
    type SqlType = Op::Result<L::SqlType, R::SqlType>;

    fn lower(&self) -> ast::Expr {
        Op::lower_typed::<L::SqlType, R::SqlType>(self.left.lower(), self.right.lower())
    }
}

impl<Op, L, R, F, IL, IR> InScope<F, (IL, IR)> for Binary<Op, L, R>
where
    Op: BinaryOperator,
    L: InScope<F, IL>,
    R: InScope<F, IR>,
{
    type Out = Op::Result<L::Out, R::Out>;
}

impl<Op, L, R, G, IL, IR> Grouping<G, (IL, IR)> for Binary<Op, L, R>
where
    L: Grouping<G, IL>,
    R: Grouping<G, IR>,
    L::Kind: Mix<R::Kind>,
{
    type Kind = <L::Kind as Mix<R::Kind>>::Out;
}

macro_rules! binary_operators {
    ($($(#[$doc:meta])* $name:ident => |$l:ident, $r:ident| $lower:expr, $result:ty;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $name {}

        impl BinaryOperator for $name {
            type Result<L: SqlType, R: SqlType> = $result;

            fn lower($l: ast::Expr, $r: ast::Expr) -> ast::Expr {
                $lower
            }
        }
    )*};
}

fn binary(left: ast::Expr, op: BinaryOp, right: ast::Expr) -> ast::Expr {
    left.binary(op, right)
}

/// `LIKE` with `\` as its escape character on every dialect (PostgreSQL and MySQL have it by
/// default, SQLite has none), so that one pattern matches the same rows everywhere; see
/// [`escape_like`](super::methods::escape_like).
fn like(expr: ast::Expr, pattern: ast::Expr, case_insensitive: bool, negated: bool) -> ast::Expr {
    ast::Expr::Like {
        expr: Box::new(expr),
        pattern: Box::new(pattern),
        escape: Some('\\'),
        case_insensitive,
        negated,
    }
}

pub(super) use binary_operators;

binary_operators! {
    /// `=`.
    Eq => |l, r| binary(l, BinaryOp::Eq, r), EitherNull<L, R, Bool>;
    /// `<>`.
    Ne => |l, r| binary(l, BinaryOp::NotEq, r), EitherNull<L, R, Bool>;
    /// `<`.
    Lt => |l, r| binary(l, BinaryOp::Lt, r), EitherNull<L, R, Bool>;
    /// `<=`.
    Le => |l, r| binary(l, BinaryOp::LtEq, r), EitherNull<L, R, Bool>;
    /// `>`.
    Gt => |l, r| binary(l, BinaryOp::Gt, r), EitherNull<L, R, Bool>;
    /// `>=`.
    Ge => |l, r| binary(l, BinaryOp::GtEq, r), EitherNull<L, R, Bool>;
    /// `IS NOT DISTINCT FROM`: equality where `NULL` equals `NULL`.
    NotDistinct => |l, r| ast::Expr::IsDistinctFrom { left: Box::new(l), right: Box::new(r), negated: true }, Bool;
    /// `AND`.
    And => |l, r| binary(l, BinaryOp::And, r), EitherNull<L, R, Bool>;
    /// `OR`.
    Or => |l, r| binary(l, BinaryOp::Or, r), EitherNull<L, R, Bool>;
    /// `+`.
    Add => |l, r| binary(l, BinaryOp::Add, r), EitherNull<L, R, L::Base>;
    /// `-`.
    Sub => |l, r| binary(l, BinaryOp::Sub, r), EitherNull<L, R, L::Base>;
    /// `*`.
    Mul => |l, r| binary(l, BinaryOp::Mul, r), EitherNull<L, R, L::Base>;
    /// String concatenation (`||`, or `CONCAT` on MySQL).
    Concat => |l, r| binary(l, BinaryOp::Concat, r), EitherNull<L, R, Text>;
    /// `LIKE`.
    Like => |l, r| like(l, r, false, false), EitherNull<L, R, Bool>;
    /// `NOT LIKE`.
    NotLike => |l, r| like(l, r, false, true), EitherNull<L, R, Bool>;
    /// `ILIKE`: case-insensitive `LIKE` (emulated with `lower()` where it is not native).
    ILike => |l, r| like(l, r, true, false), EitherNull<L, R, Bool>;
    /// `COALESCE(left, right)`: `NULL` only when both are.
    Coalesce => |l, r| ast::Expr::Function(ast::Function { name: "COALESCE".into(), args: vec![l, r] }),
        <<<L as SqlType>::IsNull as NullFlag>::And<<R as SqlType>::IsNull> as NullFlag>::Apply<L::Base>;
}

/// `/`: between integers, integer division (truncating toward zero) on every dialect.
#[derive(Debug, Clone, Copy)]
pub enum Div {}

impl BinaryOperator for Div {
    type Result<L: SqlType, R: SqlType> = EitherNull<L, R, L::Base>;

    fn lower(left: ast::Expr, right: ast::Expr) -> ast::Expr {
        binary(left, BinaryOp::Div, right)
    }

    fn lower_typed<L: SqlType, R: SqlType>(left: ast::Expr, right: ast::Expr) -> ast::Expr {
        match L::IS_INTEGER && R::IS_INTEGER {
            true => binary(left, BinaryOp::IntDiv, right),
            false => Self::lower(left, right),
        }
    }
}

/// A unary operator: the SQL type it yields and the tree it lowers to.
pub trait UnaryOperator {
    /// The result type for an operand of type `E`.
    type Result<E: SqlType>: SqlType;

    /// `op expr` as plain data.
    fn lower(expr: ast::Expr) -> ast::Expr;
}

/// `op expr`.
#[derive(Debug, Clone, Copy)]
pub struct Unary<Op, E> {
    expr: E,
    op: PhantomData<Op>,
}

impl<Op, E> Unary<Op, E> {
    pub(crate) fn new(expr: E) -> Self {
        Unary {
            expr,
            op: PhantomData,
        }
    }
}

impl<Op: UnaryOperator, E: Expression> Expression for Unary<Op, E> {
    type SqlType = Op::Result<E::SqlType>;

    fn lower(&self) -> ast::Expr {
        Op::lower(self.expr.lower())
    }
}

impl<Op: UnaryOperator, E: InScope<F, I>, F, I> InScope<F, I> for Unary<Op, E> {
    type Out = Op::Result<E::Out>;
}

impl<Op, E: Grouping<G, I>, G, I> Grouping<G, I> for Unary<Op, E> {
    type Kind = E::Kind;
}

fn is_null(expr: ast::Expr, negated: bool) -> ast::Expr {
    ast::Expr::IsNull {
        expr: Box::new(expr),
        negated,
    }
}

macro_rules! unary_operators {
    ($($(#[$doc:meta])* $name:ident => |$e:ident| $lower:expr, $result:ty;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $name {}

        impl UnaryOperator for $name {
            type Result<E: SqlType> = $result;

            fn lower($e: ast::Expr) -> ast::Expr {
                $lower
            }
        }
    )*};
}

pub(super) use unary_operators;

unary_operators! {
    /// `NOT`.
    Not => |e| ast::Expr::Unary { op: UnaryOp::Not, expr: Box::new(e) }, LikeNull<E, Bool>;
    /// Arithmetic negation.
    Neg => |e| ast::Expr::Unary { op: UnaryOp::Neg, expr: Box::new(e) }, E;
    /// `IS NULL`.
    IsNull => |e| is_null(e, false), Bool;
    /// `IS NOT NULL`.
    IsNotNull => |e| is_null(e, true), Bool;
}

/// `CAST(expr AS T)`.
#[derive(Debug, Clone, Copy)]
pub struct CastTo<T>(PhantomData<T>);

impl<T: SqlType<IsNull = NotNull> + super::sql_types::CastTarget> UnaryOperator for CastTo<T> {
    type Result<E: SqlType> = LikeNull<E, T>;

    fn lower(expr: ast::Expr) -> ast::Expr {
        ast::Expr::Cast {
            expr: Box::new(expr),
            ty: T::AST_TYPE,
        }
    }
}

/// `expr [NOT] BETWEEN low AND high`.
#[derive(Debug, Clone, Copy)]
pub struct Between<E, Lo, Hi> {
    expr: E,
    low: Lo,
    high: Hi,
    negated: bool,
}

impl<E, Lo, Hi> Between<E, Lo, Hi> {
    pub(crate) fn new(expr: E, low: Lo, high: Hi, negated: bool) -> Self {
        Between {
            expr,
            low,
            high,
            negated,
        }
    }
}

impl<E: Expression, Lo: Expression, Hi: Expression> Expression for Between<E, Lo, Hi> {
    type SqlType = EitherNull<E::SqlType, EitherNull<Lo::SqlType, Hi::SqlType, Bool>, Bool>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Between {
            expr: Box::new(self.expr.lower()),
            low: Box::new(self.low.lower()),
            high: Box::new(self.high.lower()),
            negated: self.negated,
        }
    }
}

impl<E, Lo, Hi, F, IE, IL, IH> InScope<F, (IE, IL, IH)> for Between<E, Lo, Hi>
where
    E: InScope<F, IE>,
    Lo: InScope<F, IL>,
    Hi: InScope<F, IH>,
{
    type Out = EitherNull<E::Out, EitherNull<Lo::Out, Hi::Out, Bool>, Bool>;
}

impl<E, Lo, Hi, G, IE, IL, IH> Grouping<G, (IE, IL, IH)> for Between<E, Lo, Hi>
where
    E: Grouping<G, IE>,
    Lo: Grouping<G, IL>,
    Hi: Grouping<G, IH>,
    E::Kind: Mix<Lo::Kind>,
    <E::Kind as Mix<Lo::Kind>>::Out: Mix<Hi::Kind>,
{
    type Kind = <<E::Kind as Mix<Lo::Kind>>::Out as Mix<Hi::Kind>>::Out;
}

/// `expr [NOT] IN (values…)`; an empty list is false (true when negated) on every dialect.
///
/// On PostgreSQL the values are one array parameter (`expr = ANY($1)`), so a list of any
/// length is one statement. Elsewhere each value is a parameter, and the list is padded to the
/// next power of two by repeating its last value, which changes nothing about what matches but
/// means lists of 5 to 8 values share one SQL text (and one cached prepared statement), lists
/// of 9 to 16 another, and so on; a statement binds at most 65,535 parameters on MySQL and
/// 32,766 on SQLite, and one with more is [`crate::Error::TooManyParameters`] before it is
/// sent.
#[derive(Debug, Clone)]
pub struct InList<E> {
    expr: E,
    list: Vec<ast::Expr>,
    negated: bool,
}

impl<E> InList<E> {
    pub(crate) fn new(expr: E, list: Vec<ast::Expr>, negated: bool) -> Self {
        InList {
            expr,
            list,
            negated,
        }
    }
}

impl<E: Expression> Expression for InList<E> {
    type SqlType = LikeNull<E::SqlType, Bool>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::InList {
            expr: Box::new(self.expr.lower()),
            list: self.list.clone(),
            negated: self.negated,
        }
    }
}

impl<E: InScope<F, I>, F, I> InScope<F, I> for InList<E> {
    type Out = LikeNull<E::Out, Bool>;
}

impl<E: Grouping<G, I>, G, I> Grouping<G, I> for InList<E> {
    type Kind = E::Kind;
}

crate::expression_roles!(Binary<Op, L, R>, Op, L, R);
crate::expression_roles!(Unary<Op, E>, Op, E);
crate::expression_roles!(Between<E, Lo, Hi>, E, Lo, Hi);
crate::expression_roles!(InList<E>, E);

/// `expr LIKE pattern ESCAPE 'c'`, with an escape character of the caller's choosing.
#[derive(Debug, Clone, Copy)]
pub struct LikeEscaped<E, P> {
    expr: E,
    pattern: P,
    escape: char,
}

impl<E, P> LikeEscaped<E, P> {
    pub(crate) fn new(expr: E, pattern: P, escape: char) -> Self {
        LikeEscaped {
            expr,
            pattern,
            escape,
        }
    }
}

impl<E: Expression, P: Expression> Expression for LikeEscaped<E, P> {
    type SqlType = EitherNull<E::SqlType, P::SqlType, Bool>;

    fn lower(&self) -> ast::Expr {
        ast::Expr::Like {
            expr: Box::new(self.expr.lower()),
            pattern: Box::new(self.pattern.lower()),
            escape: Some(self.escape),
            case_insensitive: false,
            negated: false,
        }
    }
}

impl<E, P, F, IE, IP> InScope<F, (IE, IP)> for LikeEscaped<E, P>
where
    E: InScope<F, IE>,
    P: InScope<F, IP>,
{
    type Out = EitherNull<E::Out, P::Out, Bool>;
}

impl<E, P, G, IE, IP> Grouping<G, (IE, IP)> for LikeEscaped<E, P>
where
    E: Grouping<G, IE>,
    P: Grouping<G, IP>,
    E::Kind: Mix<P::Kind>,
{
    type Kind = <E::Kind as Mix<P::Kind>>::Out;
}

crate::expression_roles!(LikeEscaped<E, P>, E, P);
